// The browser's full-text index over the messages of the channels held locally, one document
// per message, kept current a message at a time (put / remove). Each channel's messages are in
// segments of consecutive time (see segment.ts), sharing one vocabulary: in:#channel
// reads only that channel's, and a search ranks only the newest CANDIDATE_CAP matches, found
// window by window going back in time (see newest-matches.ts), so its cost is bounded by that
// cap rather than by the size of the index. Saved segment by segment (see unsaved / markSaved).
// Deleted messages are not in it.
import { forEachInSlices } from "./chunked.ts";
import { newestMatches } from "./newest-matches.ts";
import type { MessageFacts, SearchPlan } from "./query-plan.ts";
import {
  byScoreDescending,
  byTimeDescending,
  CANDIDATE_CAP,
  firstInOrder,
  recencyBoost,
} from "./ranking.ts";
import { fromPlain, type PlainSegment, toPlain } from "./saved-segment.ts";
import { type Match, type QueryWords, Segment, type Stored } from "./segment.ts";
import { finish, type Steps } from "./steps.ts";
import { containsSequence, foldedWords } from "./text.ts";
import { Vocabulary } from "./vocabulary.ts";

/** Bump when what is indexed or how changes: a stored index of another format is rebuilt. */
export const INDEX_FORMAT = 6;

export interface IndexedMessage extends MessageFacts {
  readonly id: string;
  readonly body: string;
}

/** A message the index found, best first; `terms`: the indexed words that matched. */
export interface LocalHit extends MessageFacts {
  readonly messageId: string;
  readonly score: number;
  readonly terms: readonly string[];
}

/** The whole index as saved: its segments. */
export interface PlainIndex {
  readonly segments: readonly PlainSegment[];
}

/** What a save must write: every segment's id and the segments changed. */
export interface UnsavedSegments {
  /** The segment holding the newest message first (the order a saved index is loaded in). */
  readonly segmentIds: readonly number[];
  readonly changed: readonly PlainSegment[];
  /** The version of each changed segment as written (see markSaved). */
  readonly versions: ReadonlyMap<number, number>;
}

export interface IndexLimits {
  /** Messages a segment holds before the next new message of its channel starts another. */
  readonly segmentSize: number;
  /** Matches ranked per search: the newest this many. */
  readonly candidateCap: number;
}

const DEFAULT_LIMITS: IndexLimits = { segmentSize: 2_000, candidateCap: CANDIDATE_CAP };

/** A cheap fingerprint of what the index holds for a message: its length and FNV-1a hash. */
function signature(message: IndexedMessage): number {
  const facts = [
    message.channelId,
    message.threadId,
    message.forkId ?? "",
    message.authorId,
    message.createdAt,
    message.pinned,
    message.hasFork,
    message.hasFile === true,
    message.hasImage === true,
    message.hasLink,
  ];
  const text = `${message.body}\u0000${facts.join("\u0000")}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return text.length * 2 ** 32 + (hash >>> 0);
}

function fuzziness(term: string): number {
  if (term.length <= 3) return 0;
  return term.length > 5 ? 2 : 1;
}

export class SearchIndex {
  /** Each channel's segments, oldest first; the first starts at -Infinity. */
  private readonly byChannel = new Map<string, Segment[]>();
  private readonly limits: IndexLimits;
  /** The segment holding each indexed message. */
  private readonly located = new Map<string, Segment>();
  private readonly vocabulary = new Vocabulary();
  /** Thread, fork and author ids, each held once however many messages name them. */
  private readonly names = new Map<string, string>();
  private nextSegmentId = 0;

  private constructor(limits: Partial<IndexLimits>) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  static empty(limits: Partial<IndexLimits> = {}): SearchIndex {
    return new SearchIndex(limits);
  }

  /** An index saved with toPlain or segment by segment (same INDEX_FORMAT). */
  static fromPlain(plain: PlainIndex, limits: Partial<IndexLimits> = {}): SearchIndex {
    const index = new SearchIndex(limits);
    for (const segment of plain.segments) index.restore(segment);
    return index;
  }

  /**
   * Adds a saved segment (of a saved index being loaded a segment at a time: searches read
   * the segments loaded so far).
   */
  restore(saved: PlainSegment): void {
    const segment = fromPlain(saved, this.vocabulary);
    const segments = this.segmentsOf(segment.channelId);
    const after = segments.findIndex((other) => other.from > segment.from);
    segments.splice(after === -1 ? segments.length : after, 0, segment);
    for (const id of segment.messageIds()) this.located.set(id, segment);
    this.nextSegmentId = Math.max(this.nextSegmentId, segment.id + 1);
  }

  private allSegments(): Segment[] {
    return [...this.byChannel.values()].flat();
  }

  toPlain(): PlainIndex {
    return { segments: this.allSegments().map(toPlain) };
  }

  /**
   * The segments changed since they were last saved (see markSaved), put in their saved form a
   * segment per task (a whole index takes seconds); those dropped meanwhile are left out.
   */
  async unsaved(): Promise<UnsavedSegments> {
    const changed: PlainSegment[] = [];
    const versions = new Map<number, number>();
    const save = (segment: Segment) => {
      versions.set(segment.id, segment.version);
      changed.push(toPlain(segment));
    };
    await forEachInSlices(
      this.allSegments().filter((segment) => segment.unsaved),
      save,
    );
    const segments = this.allSegments().sort((a, b) => b.newest - a.newest);
    const kept = new Set(segments.map((segment) => segment.id));
    return {
      segmentIds: [...kept],
      changed: changed.filter((segment) => kept.has(segment.id)),
      versions,
    };
  }

  /** Records a save of `unsaved()` (segments changed since it was taken stay unsaved). */
  markSaved(saved: UnsavedSegments): void {
    for (const segment of this.allSegments()) {
      const version = saved.versions.get(segment.id);
      if (version !== undefined) segment.markSaved(version);
    }
  }

  get size(): number {
    return this.located.size;
  }

  private segmentsOf(channelId: string): Segment[] {
    let segments = this.byChannel.get(channelId);
    if (segments === undefined) {
      segments = [];
      this.byChannel.set(channelId, segments);
    }
    return segments;
  }

  /** Adds or replaces a message; returns false when it was already indexed as it is. */
  put(message: IndexedMessage): boolean {
    const sig = signature(message);
    if (this.located.get(message.id)?.stored(message.id)?.sig === sig) return false;
    this.remove(message.id);
    const segment = this.roomFor(message.channelId, message.createdAt);
    const facts: Stored = {
      channelId: segment.channelId,
      threadId: this.name(message.threadId),
      forkId: message.forkId === null ? null : this.name(message.forkId),
      authorId: this.name(message.authorId),
      createdAt: message.createdAt,
      pinned: message.pinned,
      hasFork: message.hasFork,
      hasFile: message.hasFile === true,
      hasImage: message.hasImage === true,
      hasLink: message.hasLink,
      sig,
    };
    const words = foldedWords(message.body).map((word) => this.vocabulary.idOf(word));
    segment.add({ id: message.id, facts, words });
    this.located.set(message.id, segment);
    return true;
  }

  private name(id: string): string {
    const known = this.names.get(id);
    if (known !== undefined) return known;
    this.names.set(id, id);
    return id;
  }

  remove(messageId: string): void {
    const segment = this.located.get(messageId);
    if (segment === undefined) return;
    segment.discard(messageId);
    this.located.delete(messageId);
    if (segment.size === 0) this.drop(segment);
  }

  /** The ids of the indexed messages of a channel. */
  channelMessageIds(channelId: string): ReadonlySet<string> {
    const segments = this.byChannel.get(channelId) ?? [];
    return new Set(segments.flatMap((segment) => [...segment.messageIds()]));
  }

  channelIds(): string[] {
    return [...this.byChannel.keys()];
  }

  removeChannel(channelId: string): void {
    for (const segment of this.byChannel.get(channelId) ?? []) {
      for (const id of segment.messageIds()) this.located.delete(id);
    }
    this.byChannel.delete(channelId);
  }

  /**
   * The ids of the messages of every thread `isGone` names (asked once per thread), for `remove`
   * (one at a time: a segment's postings lose a message each).
   */
  messagesOfThreads(isGone: (channelId: string, threadId: string) => boolean): string[] {
    const ids: string[] = [];
    for (const [channelId, segments] of this.byChannel) {
      const verdicts = new Map<string, boolean>();
      const inGoneThread = ({ threadId }: Stored) => {
        let verdict = verdicts.get(threadId);
        if (verdict === undefined) {
          verdict = isGone(channelId, threadId);
          verdicts.set(threadId, verdict);
        }
        return verdict;
      };
      for (const segment of segments) {
        for (const id of segment.idsWhere(inGoneThread)) ids.push(id);
      }
    }
    return ids;
  }

  /**
   * Best first (relevance times recency, among the newest `candidateCap` matches); filter-only
   * searches list the newest first.
   */
  search(plan: SearchPlan, limit: number, now = Date.now()): LocalHit[] {
    return finish(this.searchInSteps(plan, limit, now));
  }

  /** search, a segment read a step (the worker gives up between steps on a newer search). */
  *searchInSteps(plan: SearchPlan, limit: number, now = Date.now()): Steps<LocalHit[]> {
    const scope =
      plan.channelIds === null
        ? this.allSegments()
        : [...plan.channelIds].flatMap((id) => this.byChannel.get(id) ?? []);
    if (plan.terms.length === 0) {
      const inWindow = (from: number, until: number) => (facts: Stored) =>
        facts.createdAt >= from && facts.createdAt < until && plan.accepts(facts);
      const newest = yield* newestMatches(
        scope,
        (segment, from, until) => segment.filtered(inWindow(from, until)),
        limit,
      );
      return newest.sort(byTimeDescending).map((match) => this.toHit(match));
    }
    const run = (fuzzy: boolean) => {
      const query: QueryWords = plan.terms.flatMap((term) =>
        term.words.map((word, i) =>
          this.vocabulary.expand(word, {
            prefix: term.prefix && i === term.words.length - 1,
            fuzzy: fuzzy && term.fuzzy ? fuzziness(word) : 0,
          }),
        ),
      );
      return newestMatches(
        scope,
        (segment, from, until) =>
          // Zero (a filter says no) skips a message before it is scored.
          segment.search(
            query,
            (facts) => (plan.accepts(facts) ? recencyBoost(facts.createdAt, now) : 0),
            { from, until },
          ),
        this.limits.candidateCap,
      );
    };
    // Exact (and prefix) first; near spellings only when nothing matched, as the server does.
    let candidates = yield* run(false);
    if (candidates.length === 0 && plan.terms.some((term) => term.fuzzy)) {
      candidates = yield* run(true);
    }
    const sequences = plan.terms.filter((term) => term.sequence);
    if (sequences.length === 0) {
      const best = firstInOrder(candidates, limit, (match) => match.score, byScoreDescending);
      return best.map((match) => this.toHit(match));
    }
    // Phrases are checked best first until a page is found.
    const found: LocalHit[] = [];
    for (const candidate of candidates.sort(byScoreDescending)) {
      const words = this.located.get(candidate.id)?.wordsOf(candidate.id) ?? [];
      if (sequences.every((term) => containsSequence(words, term.words, term.prefix))) {
        found.push(this.toHit(candidate));
        if (found.length === limit) break;
      }
    }
    return found;
  }

  /** A match as the page gets it: its facts, and the matched words spelled out. */
  private toHit({ id, facts, score, words }: Match): LocalHit {
    return {
      messageId: id,
      channelId: facts.channelId,
      threadId: facts.threadId,
      forkId: facts.forkId,
      authorId: facts.authorId,
      createdAt: facts.createdAt,
      pinned: facts.pinned,
      hasFork: facts.hasFork,
      hasLink: facts.hasLink,
      score,
      terms: [...new Set(words)].map((word) => this.vocabulary.word(word)),
    };
  }

  /** The segment of a channel a message written at `time` goes to (a new one when full). */
  private roomFor(channelId: string, time: number): Segment {
    const segments = this.segmentsOf(channelId);
    const position = positionOf(segments, time);
    const segment = segments[position];
    if (segment === undefined) return this.open(segments, channelId, -Infinity);
    // Newer than everything in a full last segment (the usual case of a new message) starts
    // another; an older message goes where its time belongs, however full.
    const last = position === segments.length - 1;
    if (last && segment.size >= this.limits.segmentSize && time > segment.newest) {
      return this.open(segments, channelId, time);
    }
    return segment;
  }

  private open(segments: Segment[], channelId: string, from: number): Segment {
    const segment = new Segment(this.nextSegmentId++, channelId, from, this.vocabulary);
    segments.push(segment);
    return segment;
  }

  /** Drops an empty segment; its neighbour takes its span of time. */
  private drop(segment: Segment): void {
    const segments = this.byChannel.get(segment.channelId) ?? [];
    const position = segments.indexOf(segment);
    segments.splice(position, 1);
    if (segments.length === 0) this.byChannel.delete(segment.channelId);
    else if (position === 0) segments[0]?.extendToBeginning();
  }
}

/** The position of the segment (of one channel, oldest first) for a message written at `time`. */
function positionOf(segments: readonly Segment[], time: number): number {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((segments[middle]?.from ?? -Infinity) <= time) low = middle;
    else high = middle - 1;
  }
  return low;
}
