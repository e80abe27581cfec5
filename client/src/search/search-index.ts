// The browser's full-text index over the messages of the channels held locally, one document
// per message, kept current a message at a time (put / remove). Split by time into segments
// (separate MiniSearch instances, see segment.ts) so a search reads the newest segments first
// and stops once it has the newest CANDIDATE_CAP matches: its cost is bounded by that cap, not
// by the size of the index. Saved segment by segment (see unsaved / markSaved). Deleted messages
// are not in it.
import type { Query } from "minisearch";
import type { MessageFacts, PlannedTerm, SearchPlan } from "./query-plan.ts";
import { byScoreDescending, byTimeDescending, CANDIDATE_CAP, recencyBoost } from "./ranking.ts";
import { type Match, type PlainSegment, Segment, type Stored } from "./segment.ts";
import { containsSequence, foldedWords } from "./text.ts";

/** Bump when what is indexed or how changes: a stored index of another format is rebuilt. */
export const INDEX_FORMAT = 2;

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

/** The current text of an indexed message (phrases are checked against it). */
export type BodyLookup = (channelId: string, messageId: string) => string | undefined;

/** The whole index as saved: its segments, oldest first. */
export interface PlainIndex {
  readonly segments: readonly PlainSegment[];
}

/** What a save must write: every segment's id (oldest first) and the segments changed. */
export interface UnsavedSegments {
  readonly segmentIds: readonly number[];
  readonly changed: readonly PlainSegment[];
  /** The version of each changed segment as written (see markSaved). */
  readonly versions: ReadonlyMap<number, number>;
}

export interface IndexLimits {
  /** Messages a segment holds before it is split (or, holding the newest, closed). */
  readonly segmentSize: number;
  /** Matches ranked per search: the newest this many. */
  readonly candidateCap: number;
}

const DEFAULT_LIMITS: IndexLimits = { segmentSize: 4_000, candidateCap: CANDIDATE_CAP };

/** A cheap fingerprint of what the index holds for a message (FNV-1a over its facts). */
function signature(message: IndexedMessage): string {
  const facts = [
    message.channelId,
    message.threadId,
    message.forkId ?? "",
    message.authorId,
    message.createdAt,
    message.pinned,
    message.hasFork,
  ];
  const text = `${message.body}\u0000${facts.join("\u0000")}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(36)}`;
}

function fuzziness(term: string): number {
  if (term.length <= 3) return 0;
  return term.length > 5 ? 2 : 1;
}

function termQuery(term: PlannedTerm, fuzzy: boolean): Query {
  const last = term.words.length - 1;
  return {
    queries: [...term.words],
    combineWith: "AND",
    prefix: (_word, index) => term.prefix && index === last,
    fuzzy: (word) => (fuzzy && term.fuzzy ? fuzziness(word) : false),
  };
}

function toHit(match: Match): LocalHit {
  return {
    messageId: String(match.id),
    channelId: match.channelId,
    threadId: match.threadId,
    forkId: match.forkId,
    authorId: match.authorId,
    createdAt: match.createdAt,
    pinned: match.pinned,
    hasFork: match.hasFork,
    score: match.score,
    terms: match.terms,
  };
}

/** A time that splits `times` in two non-empty halves (the median if it can), if any. */
function splitTime(times: Iterable<number>): number | undefined {
  const sorted = [...times].sort((a, b) => a - b);
  const lowest = sorted[0];
  const median = sorted[sorted.length >> 1];
  if (lowest === undefined || median === undefined) return undefined;
  return median > lowest ? median : sorted.find((time) => time > lowest);
}

export class SearchIndex {
  /** Oldest first; each holds the messages from its `from` up to the next one's (the first from -Infinity). */
  private readonly segments: Segment[];
  private readonly limits: IndexLimits;
  /** The segment holding each indexed message. */
  private readonly located = new Map<string, Segment>();
  /** Indexed message ids by channel. */
  private readonly byChannel = new Map<string, Set<string>>();
  private nextSegmentId: number;

  private constructor(segments: Segment[], limits: Partial<IndexLimits>) {
    this.segments = segments;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.nextSegmentId = Math.max(...segments.map((segment) => segment.id)) + 1;
    for (const segment of segments) {
      for (const id of segment.times.keys()) {
        const stored = segment.stored(id);
        if (stored === undefined) continue;
        this.located.set(id, segment);
        this.member(stored.channelId).add(id);
      }
    }
  }

  static empty(limits: Partial<IndexLimits> = {}): SearchIndex {
    return new SearchIndex([Segment.empty(0, -Infinity)], limits);
  }

  /** An index saved with toPlain or segment by segment (same INDEX_FORMAT). */
  static fromPlain(plain: PlainIndex, limits: Partial<IndexLimits> = {}): SearchIndex {
    if (plain.segments.length === 0) return SearchIndex.empty(limits);
    return new SearchIndex(plain.segments.map(Segment.fromPlain), limits);
  }

  toPlain(): PlainIndex {
    return { segments: this.segments.map((segment) => segment.toPlain()) };
  }

  /** The segments changed since they were last saved (see markSaved). */
  unsaved(): UnsavedSegments {
    const changed = this.segments.filter((segment) => segment.unsaved);
    return {
      segmentIds: this.segments.map((segment) => segment.id),
      changed: changed.map((segment) => segment.toPlain()),
      versions: new Map(changed.map((segment) => [segment.id, segment.version])),
    };
  }

  /** Records a save of `unsaved()` (segments changed since it was taken stay unsaved). */
  markSaved(saved: UnsavedSegments): void {
    for (const segment of this.segments) {
      const version = saved.versions.get(segment.id);
      if (version !== undefined) segment.markSaved(version);
    }
  }

  get size(): number {
    return this.located.size;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  private member(channelId: string): Set<string> {
    let ids = this.byChannel.get(channelId);
    if (ids === undefined) {
      ids = new Set();
      this.byChannel.set(channelId, ids);
    }
    return ids;
  }

  /** Adds or replaces a message; returns false when it was already indexed as it is. */
  put(message: IndexedMessage): boolean {
    const sig = signature(message);
    if (this.located.get(message.id)?.stored(message.id)?.sig === sig) return false;
    this.remove(message.id);
    const segment = this.roomFor(message.createdAt);
    segment.add({ ...message, sig });
    this.located.set(message.id, segment);
    this.member(message.channelId).add(message.id);
    return true;
  }

  remove(messageId: string): void {
    const segment = this.located.get(messageId);
    const stored = segment?.stored(messageId);
    if (segment === undefined || stored === undefined) return;
    segment.discard(messageId);
    this.located.delete(messageId);
    this.byChannel.get(stored.channelId)?.delete(messageId);
    if (segment.size === 0) this.drop(segment);
  }

  /** The ids of the indexed messages of a channel. */
  channelMessageIds(channelId: string): ReadonlySet<string> {
    return this.byChannel.get(channelId) ?? new Set();
  }

  channelIds(): string[] {
    return [...this.byChannel.keys()].filter((id) => (this.byChannel.get(id)?.size ?? 0) > 0);
  }

  removeChannel(channelId: string): void {
    for (const id of [...this.channelMessageIds(channelId)]) this.remove(id);
    this.byChannel.delete(channelId);
  }

  /**
   * Best first (relevance times recency, among the newest `candidateCap` matches); filter-only
   * searches list the newest first.
   */
  search(plan: SearchPlan, bodyOf: BodyLookup, limit: number, now = Date.now()): LocalHit[] {
    if (plan.terms.length === 0) {
      return this.newest((segment) => segment.filtered(plan.accepts), limit)
        .slice(0, limit)
        .map(toHit);
    }
    const boostDocument = (_id: unknown, _term: string, stored?: Record<string, unknown>) => {
      const facts = stored as Stored | undefined;
      return facts !== undefined && plan.accepts(facts) ? recencyBoost(facts.createdAt, now) : 0;
    };
    const run = (fuzzy: boolean) => {
      const query: Query = {
        combineWith: "AND",
        queries: plan.terms.map((t) => termQuery(t, fuzzy)),
      };
      const search = (segment: Segment) => segment.search(query, { boostDocument });
      return this.newest(search, this.limits.candidateCap);
    };
    // Exact (and prefix) first; near spellings only when nothing matched, as the server does.
    let candidates = run(false);
    if (candidates.length === 0 && plan.terms.some((term) => term.fuzzy)) candidates = run(true);
    candidates.sort(byScoreDescending);
    const sequences = plan.terms.filter((term) => term.sequence);
    if (sequences.length === 0) return candidates.slice(0, limit).map(toHit);
    const found: LocalHit[] = [];
    for (const candidate of candidates) {
      const words = foldedWords(bodyOf(candidate.channelId, String(candidate.id)) ?? "");
      if (sequences.every((term) => containsSequence(words, term.words, term.prefix))) {
        found.push(toHit(candidate));
        if (found.length === limit) break;
      }
    }
    return found;
  }

  /** The newest `count` matches of `find`, reading the newest segments first (newest first). */
  private newest(find: (segment: Segment) => Match[], count: number): Match[] {
    const found: Match[] = [];
    for (let i = this.segments.length - 1; i >= 0 && found.length < count; i--) {
      const segment = this.segments[i];
      if (segment !== undefined) for (const match of find(segment)) found.push(match);
    }
    // Segments do not overlap in time: every match of an older one is older than these.
    return found.sort(byTimeDescending).slice(0, count);
  }

  /** The position of the segment for messages written at `time`. */
  private positionOf(time: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.segments[middle]?.from ?? -Infinity) <= time) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The segment a message written at `time` goes to, split or opened when full. */
  private roomFor(time: number): Segment {
    const position = this.positionOf(time);
    const segment = this.segments[position] as Segment;
    if (segment.size < this.limits.segmentSize) return segment;
    const newest = position === this.segments.length - 1;
    // Newer than everything: the usual case of a new message. The full segment stays as is.
    if (newest && time > segment.newest) {
      return this.insertAfter(position, Segment.empty(this.nextSegmentId++, time));
    }
    const at = splitTime(segment.times.values());
    // All written at one instant: it cannot be split, so it grows.
    if (at === undefined) return segment;
    const upper = this.insertAfter(position, segment.splitAt(at, this.nextSegmentId++));
    for (const id of upper.times.keys()) this.located.set(id, upper);
    return time >= at ? upper : segment;
  }

  private insertAfter(position: number, segment: Segment): Segment {
    this.segments.splice(position + 1, 0, segment);
    return segment;
  }

  /** Drops an empty segment; its neighbour takes its span of time. */
  private drop(segment: Segment): void {
    if (this.segments.length === 1) return;
    const position = this.segments.indexOf(segment);
    this.segments.splice(position, 1);
    if (position === 0) this.segments[0]?.extendToBeginning();
  }
}
