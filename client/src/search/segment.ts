// One segment of the browser index: a MiniSearch instance over the messages written in a span
// of time (from `from` up to the next segment's start). Keeps each message's time beside it so
// the segment can be split in two at its median time without the message texts.
import MiniSearch, {
  type AsPlainObject,
  type Query,
  type SearchOptions,
  type SearchResult,
} from "minisearch";
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

/** A segment as saved: `from` is its start time (the first segment starts at -Infinity). */
export interface PlainSegment {
  readonly id: number;
  readonly from: number;
  readonly plain: AsPlainObject;
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

export class Segment {
  readonly id: number;
  /** Messages written at or after this time belong here (until the next segment's start). */
  private start: number;
  /** The ids of the messages held, with their times. */
  readonly times: Map<string, number>;
  private readonly mini: MiniSearch<SegmentDocument>;
  /** Changes so far, and how many of them were saved. */
  private changes = 0;
  private savedChanges = -1;

  private constructor(
    id: number,
    from: number,
    mini: MiniSearch<SegmentDocument>,
    times: Map<string, number>,
  ) {
    this.id = id;
    this.start = from;
    this.mini = mini;
    this.times = times;
  }

  static empty(id: number, from: number): Segment {
    return new Segment(id, from, new MiniSearch<SegmentDocument>(OPTIONS), new Map());
  }

  /** A saved segment, counted as saved. */
  static fromPlain(saved: PlainSegment): Segment {
    const { documentIds, storedFields } = saved.plain;
    const times = new Map<string, number>();
    for (const [shortId, id] of Object.entries(documentIds)) {
      const stored = storedFields[shortId] as Stored | undefined;
      if (stored !== undefined) times.set(String(id), stored.createdAt);
    }
    const mini = MiniSearch.loadJS<SegmentDocument>(saved.plain, OPTIONS);
    const segment = new Segment(saved.id, saved.from, mini, times);
    segment.savedChanges = segment.changes;
    return segment;
  }

  toPlain(): PlainSegment {
    return { id: this.id, from: this.start, plain: this.mini.toJSON() };
  }

  get from(): number {
    return this.start;
  }

  /** Takes the span of time before this segment too (the first segment was dropped). */
  extendToBeginning(): void {
    this.start = -Infinity;
    this.touch();
  }

  /** The time of the newest message held (-Infinity when empty). */
  get newest(): number {
    let newest = -Infinity;
    for (const time of this.times.values()) if (time > newest) newest = time;
    return newest;
  }

  get size(): number {
    return this.times.size;
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

  private touch(): void {
    this.changes++;
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

  /**
   * Moves the messages written at or after `at` into a new segment (a copy of this one with the
   * others discarded) and returns it.
   */
  splitAt(at: number, id: number): Segment {
    const copy = MiniSearch.loadJS<SegmentDocument>(this.mini.toJSON(), OPTIONS);
    const upper = new Segment(id, at, copy, new Map());
    const older: string[] = [];
    for (const [messageId, time] of this.times) {
      if (time < at) older.push(messageId);
      else upper.times.set(messageId, time);
    }
    upper.mini.discardAll(older);
    this.mini.discardAll([...upper.times.keys()]);
    for (const messageId of upper.times.keys()) this.times.delete(messageId);
    this.touch();
    upper.touch();
    return upper;
  }
}
