// One segment of the browser index: a MiniSearch instance over the messages of one channel
// written in a span of time (from `from` up to the channel's next segment). Knows the times of
// its messages, so a search can skip it, or the messages outside a window of time, cheaply.
// Saved as MiniSearch's JSON text (see minisearch-json.ts): IndexedDB copies one string, where
// the plain object (an object per word keyed by message) took seconds to save and read back.
import MiniSearch, {
  type AsPlainObject,
  type Query,
  type SearchOptions,
  type SearchResult,
} from "minisearch";
import { miniSearchJson } from "./minisearch-json.ts";
import type { MessageFacts } from "./query-plan.ts";
import { foldTerm, tokenize } from "./text.ts";

/** What a segment holds of a message beside its words: its facts and a fingerprint. */
export interface Stored extends MessageFacts {
  readonly sig: string;
}

export interface SegmentDocument extends Stored {
  readonly id: string;
  readonly body: string;
}

/** A search result with the facts stored beside it. */
export type Match = SearchResult & Stored;

/**
 * A segment as saved: `from` is its start (a channel's first segment starts at -Infinity),
 * `json` its MiniSearch index (as JSON.stringify of the instance writes it).
 */
export interface PlainSegment {
  readonly id: number;
  readonly channelId: string;
  readonly from: number;
  readonly json: string;
}

const STORED: (keyof Stored)[] = [
  "channelId",
  "threadId",
  "forkId",
  "authorId",
  "createdAt",
  "pinned",
  "hasFork",
  "sig",
];

const OPTIONS = {
  fields: ["body"],
  storeFields: STORED,
  tokenize,
  processTerm: foldTerm,
};

function timesOf(plain: AsPlainObject): Map<string, number> {
  const times = new Map<string, number>();
  for (const [shortId, messageId] of Object.entries(plain.documentIds)) {
    const stored = plain.storedFields[shortId] as Stored | undefined;
    if (stored !== undefined) times.set(String(messageId), stored.createdAt);
  }
  return times;
}

export class Segment {
  readonly id: number;
  readonly channelId: string;
  /** The ids of the messages held, with their times. */
  readonly times: Map<string, number>;
  private start: number;
  private readonly mini: MiniSearch<SegmentDocument>;
  /** The times in ascending order; null: not sorted since the last change. */
  private sorted: Float64Array | null = null;
  /** Changes so far, and how many of them were saved. */
  private changes = 0;
  private savedChanges = -1;

  private constructor(
    ids: { id: number; channelId: string; from: number },
    mini: MiniSearch<SegmentDocument>,
    times: Map<string, number>,
  ) {
    this.id = ids.id;
    this.channelId = ids.channelId;
    this.start = ids.from;
    this.mini = mini;
    this.times = times;
  }

  static empty(id: number, channelId: string, from: number): Segment {
    return new Segment({ id, channelId, from }, new MiniSearch(OPTIONS), new Map());
  }

  /** A saved segment, counted as saved. */
  static fromPlain(saved: PlainSegment): Segment {
    // What MiniSearch.loadJSON does, keeping the parsed form to read the times from.
    const plain = JSON.parse(saved.json) as AsPlainObject;
    const mini = MiniSearch.loadJS<SegmentDocument>(plain, OPTIONS);
    const segment = new Segment(saved, mini, timesOf(plain));
    segment.savedChanges = segment.changes;
    return segment;
  }

  toPlain(): PlainSegment {
    const { id, channelId, start: from } = this;
    return { id, channelId, from, json: miniSearchJson(this.mini) };
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
    return this.times.size;
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
    return this.mini.getStoredFields(messageId) as Stored | undefined;
  }

  add(document: SegmentDocument): void {
    this.mini.add(document);
    this.times.set(document.id, document.createdAt);
    this.touch();
  }

  discard(messageId: string): void {
    this.mini.discard(messageId);
    this.times.delete(messageId);
    this.touch();
  }

  search(query: Query, options: SearchOptions): Match[] {
    return this.mini.search(query, options) as Match[];
  }

  /** The messages whose facts pass `accepts` (a search with filters only), unranked. */
  filtered(accepts: (facts: Stored) => boolean): Match[] {
    const found: Match[] = [];
    for (const id of this.times.keys()) {
      const stored = this.stored(id);
      if (stored === undefined || !accepts(stored)) continue;
      found.push({ ...stored, id, score: 1, terms: [], queryTerms: [], match: {} });
    }
    return found;
  }

  private touch(): void {
    this.changes++;
    this.sorted = null;
  }

  private sortedTimes(): Float64Array {
    this.sorted ??= Float64Array.from(this.times.values()).sort();
    return this.sorted;
  }
}
