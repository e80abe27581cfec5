// One segment of the browser index: the messages of one channel written in a span of time (from
// `from` up to the channel's next segment), with an inverted index over their words. Words are
// numbers in the index's shared Vocabulary; each message keeps its words in order (phrases are
// checked against them) and each word the messages holding it, packed as message number × 256 +
// occurrences (a word in one message of the segment, most of them, is that number alone: an
// array would take 90 bytes for it). Knows the times of its messages, so a search can skip it, or the messages outside
// a window of time, cheaply. Scored with BM25+ over the segment's own statistics, as MiniSearch
// (which each segment used to be) scores.
import type { MessageFacts } from "./query-plan.ts";
import type { Vocabulary, WordMatch } from "./vocabulary.ts";

/** What a segment holds of a message beside its words: its facts and a fingerprint. */
export interface Stored extends MessageFacts {
  readonly sig: number;
}

/** A message as a segment takes it: its words folded, in order. */
export interface SegmentDocument {
  readonly id: string;
  readonly facts: Stored;
  readonly words: readonly number[];
}

/**
 * A message a search found: its facts, its score and the numbers of the indexed words that
 * matched (spelled out only for the page of results shown: see SearchIndex).
 */
export interface Match {
  readonly id: string;
  readonly facts: Stored;
  readonly createdAt: number;
  readonly score: number;
  readonly words: readonly number[];
}

/** Messages written in [from, until). */
export interface TimeWindow {
  readonly from: number;
  readonly until: number;
}

/** A search's words, each with the indexed words it stands for; a message must match them all. */
export type QueryWords = readonly (readonly WordMatch[])[];

/** A message's weight in a search (relevance is multiplied by it); 0 leaves it out unscored. */
export type Boost = (facts: Stored) => number;

const K = 1.2;
const B = 0.7;
const D = 0.5;
const MAX_COUNT = 255;

/** A match being scored (returned as it is). */
interface Scored extends Match {
  score: number;
  readonly words: number[];
}

const EVERYTHING: TimeWindow = { from: -Infinity, until: Infinity };

export class Segment {
  readonly id: number;
  readonly channelId: string;
  readonly vocabulary: Vocabulary;
  private start: number;
  /** By message number (numbers of removed messages are reused). */
  private readonly ids: (string | undefined)[] = [];
  private readonly facts: (Stored | undefined)[] = [];
  /** Each message's time (NaN: no message): a search checks its window here, not in `facts`. */
  private readonly times: number[] = [];
  private readonly words: (readonly number[] | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly numbers = new Map<string, number>();
  /** Word -> its messages (number × 256 + occurrences), one as a number, more as an array. */
  private readonly postings = new Map<number, number | number[]>();
  /**
   * A bit per word number: set while the word has postings here. A prefix stands for hundreds of
   * words, many of them in few segments: the bit rules out the others without a Map lookup
   * (13% of a 4-letter prefix's time at 100k messages).
   */
  private held = new Uint32Array(0);
  private wordTotal = 0;
  /** The times in ascending order; null: not sorted since the last change. */
  private sorted: Float64Array | null = null;
  /** Changes so far, and how many of them were saved. */
  private changes = 0;
  private savedChanges = -1;

  constructor(id: number, channelId: string, from: number, vocabulary: Vocabulary) {
    this.id = id;
    this.channelId = channelId;
    this.start = from;
    this.vocabulary = vocabulary;
  }

  /** Messages written at or after this time belong here (until the channel's next segment). */
  get from(): number {
    return this.start;
  }

  /** Takes the span of time before this segment too (the channel's first one was dropped). */
  extendToBeginning(): void {
    this.start = -Infinity;
    this.touch();
  }

  get size(): number {
    return this.numbers.size;
  }

  /** The ids of the messages held. */
  messageIds(): IterableIterator<string> {
    return this.numbers.keys();
  }

  /** The time of the oldest and of the newest message held (Infinity, -Infinity: empty). */
  get oldest(): number {
    return this.sortedTimes()[0] ?? Infinity;
  }

  get newest(): number {
    return this.sortedTimes().at(-1) ?? -Infinity;
  }

  /** How many of its messages were written at or after `time`. */
  countFrom(time: number): number {
    const sorted = this.sortedTimes();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] ?? 0) < time) low = middle + 1;
      else high = middle;
    }
    return sorted.length - low;
  }

  /** The number of changes so far (see markSaved). */
  get version(): number {
    return this.changes;
  }

  get unsaved(): boolean {
    return this.changes !== this.savedChanges;
  }

  markSaved(version: number): void {
    this.savedChanges = version;
  }

  stored(messageId: string): Stored | undefined {
    const number = this.numbers.get(messageId);
    return number === undefined ? undefined : this.facts[number];
  }

  /** The words of a message, folded, in order. */
  wordsOf(messageId: string): string[] {
    const number = this.numbers.get(messageId);
    const words = number === undefined ? [] : (this.words[number] ?? []);
    return words.map((word) => this.vocabulary.word(word));
  }

  /** The ids of the messages whose facts `accepts`, in no order. */
  idsWhere(accepts: (facts: Stored) => boolean): string[] {
    const ids: string[] = [];
    for (const [id, number] of this.numbers) {
      const facts = this.facts[number];
      if (facts !== undefined && accepts(facts)) ids.push(id);
    }
    return ids;
  }

  /** Each message held, in no order. */
  *documents(): IterableIterator<SegmentDocument> {
    for (const [id, number] of this.numbers) {
      const facts = this.facts[number];
      const words = this.words[number];
      if (facts !== undefined && words !== undefined) yield { id, facts, words };
    }
  }

  add({ id, facts, words }: SegmentDocument): void {
    const number = this.free.pop() ?? this.ids.length;
    this.ids[number] = id;
    this.facts[number] = facts;
    this.times[number] = facts.createdAt;
    this.words[number] = words;
    this.numbers.set(id, number);
    this.wordTotal += words.length;
    for (const [word, count] of occurrences(words)) {
      const entry = number * 256 + Math.min(count, MAX_COUNT);
      const posting = this.postings.get(word);
      if (posting === undefined) {
        this.postings.set(word, entry);
        this.hold(word);
      } else if (typeof posting === "number") this.postings.set(word, [posting, entry]);
      else posting.push(entry);
    }
    this.touch();
  }

  discard(messageId: string): void {
    const number = this.numbers.get(messageId);
    if (number === undefined) return;
    const words = this.words[number] ?? [];
    for (const word of new Set(words)) {
      const posting = this.postings.get(word);
      if (typeof posting === "number") {
        this.postings.delete(word);
        this.release(word);
      }
      if (typeof posting !== "object") continue;
      const at = posting.findIndex((entry) => entry >>> 8 === number);
      if (at === -1) continue;
      const last = posting.pop();
      if (last !== undefined && at < posting.length) posting[at] = last;
      const [only, ...more] = posting;
      if (only !== undefined && more.length === 0) this.postings.set(word, only);
    }
    this.wordTotal -= words.length;
    this.numbers.delete(messageId);
    this.ids[number] = undefined;
    this.facts[number] = undefined;
    this.times[number] = Number.NaN;
    this.words[number] = undefined;
    this.free.push(number);
    this.touch();
  }

  /**
   * The messages written in `window` matching every query word, scored by BM25+ times `boost`
   * (messages it gives 0 are skipped before scoring).
   */
  search(query: QueryWords, boost: Boost, { from, until }: TimeWindow = EVERYTHING): Match[] {
    const count = this.size;
    const averageLength = count === 0 ? 1 : this.wordTotal / count;
    const times = this.times;
    const held = this.held;
    let matching: Map<number, Scored> | null = null;
    for (const alternatives of query) {
      const matched = new Map<number, Scored>();
      for (const { id: word, weight } of alternatives) {
        if (((held[word >>> 5] ?? 0) & (1 << (word & 31))) === 0) continue;
        const found = this.postings.get(word);
        if (found === undefined) continue;
        const entries = typeof found === "number" ? 1 : found.length;
        const rarity = Math.log(1 + (count - entries + 0.5) / (entries + 0.5));
        for (let i = 0; i < entries; i++) {
          const entry = typeof found === "number" ? found : (found[i] ?? 0);
          const number = entry >>> 8;
          const time = times[number] ?? Number.NaN;
          // Also false for NaN (no message).
          if (!(time >= from && time < until)) continue;
          const previous = matching?.get(number);
          if (matching !== null && previous === undefined) continue;
          const facts = this.facts[number];
          const id = this.ids[number];
          const factor = facts === undefined || id === undefined ? 0 : boost(facts);
          if (factor === 0 || facts === undefined || id === undefined) continue;
          const frequency = entry & MAX_COUNT;
          const length = this.words[number]?.length ?? 0;
          const relevance =
            rarity *
            (D + (frequency * (K + 1)) / (frequency + K * (1 - B + (B * length) / averageLength)));
          const score = weight * factor * relevance;
          const scored = matched.get(number);
          if (scored === undefined) {
            const words = previous === undefined ? [word] : [...previous.words, word];
            const { createdAt } = facts;
            matched.set(number, {
              id,
              facts,
              createdAt,
              score: (previous?.score ?? 0) + score,
              words,
            });
          } else {
            scored.score += score;
            scored.words.push(word);
          }
        }
      }
      matching = matched;
      if (matching.size === 0) break;
    }
    return matching === null ? [] : [...matching.values()];
  }

  /** The messages whose facts pass `accepts` (a search with filters only), unranked. */
  filtered(accepts: (facts: Stored) => boolean): Match[] {
    const found: Match[] = [];
    for (const [id, number] of this.numbers) {
      const facts = this.facts[number];
      if (facts !== undefined && accepts(facts)) {
        found.push({ id, facts, createdAt: facts.createdAt, score: 1, words: [] });
      }
    }
    return found;
  }

  private hold(word: number): void {
    const slot = word >>> 5;
    if (slot >= this.held.length) {
      const grown = new Uint32Array(Math.max(slot + 1, this.held.length * 2));
      grown.set(this.held);
      this.held = grown;
    }
    this.held[slot] = (this.held[slot] ?? 0) | (1 << (word & 31));
  }

  private release(word: number): void {
    const slot = word >>> 5;
    this.held[slot] = (this.held[slot] ?? 0) & ~(1 << (word & 31));
  }

  private touch(): void {
    this.changes++;
    this.sorted = null;
  }

  private sortedTimes(): Float64Array {
    if (this.sorted === null) {
      const times = new Float64Array(this.numbers.size);
      let at = 0;
      for (const number of this.numbers.values()) times[at++] = this.facts[number]?.createdAt ?? 0;
      this.sorted = times.sort();
    }
    return this.sorted;
  }
}

/** Each distinct word of a message with how often it occurs. */
function occurrences(words: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}
