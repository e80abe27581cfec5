// The browser's full-text index: MiniSearch over the messages of the channels held locally, one
// document per message, kept current a message at a time (put / remove) and saved as a plain
// object (see toPlain / fromPlain). Deleted messages are not in it.
import MiniSearch, { type Query, type SearchResult } from "minisearch";
import type { MessageFacts, PlannedTerm, SearchPlan } from "./query-plan.ts";
import { containsSequence, foldedWords, foldTerm, tokenize } from "./text.ts";

/** Bump when what is indexed or how changes: a stored index of another format is rebuilt. */
export const INDEX_FORMAT = 1;

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

export type PlainIndex = ReturnType<MiniSearch<IndexedMessage>["toJSON"]>;

interface Stored extends MessageFacts {
  readonly sig: string;
}

const STORED = [
  "channelId",
  "threadId",
  "forkId",
  "authorId",
  "createdAt",
  "pinned",
  "hasFork",
  "sig",
] as const;

const OPTIONS = {
  fields: ["body"],
  storeFields: [...STORED],
  tokenize,
  processTerm: foldTerm,
};

/** Candidates checked against the message text when the query has a phrase. */
const MAX_PHRASE_CANDIDATES = 1_000;

/** A cheap fingerprint of what the index holds for a message (FNV-1a over its facts). */
function signature(message: IndexedMessage): string {
  const text = `${message.body}\u0000${message.threadId}\u0000${message.forkId ?? ""}\u0000${message.pinned}\u0000${message.hasFork}`;
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

function toHit(result: SearchResult): LocalHit {
  const stored = result as unknown as Stored;
  return {
    messageId: String(result.id),
    channelId: stored.channelId,
    threadId: stored.threadId,
    forkId: stored.forkId,
    authorId: stored.authorId,
    createdAt: stored.createdAt,
    pinned: stored.pinned,
    hasFork: stored.hasFork,
    score: result.score,
    terms: result.terms,
  };
}

export class SearchIndex {
  private readonly mini: MiniSearch<IndexedMessage>;
  /** Indexed message ids by channel. */
  private readonly byChannel = new Map<string, Set<string>>();

  private constructor(mini: MiniSearch<IndexedMessage>) {
    this.mini = mini;
  }

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch<IndexedMessage>(OPTIONS));
  }

  /** An index saved with toPlain (same INDEX_FORMAT). */
  static fromPlain(plain: PlainIndex): SearchIndex {
    const index = new SearchIndex(MiniSearch.loadJS<IndexedMessage>(plain, OPTIONS));
    for (const [shortId, id] of Object.entries(plain.documentIds)) {
      const stored = plain.storedFields[shortId] as Stored | undefined;
      if (stored !== undefined) index.member(stored.channelId).add(String(id));
    }
    return index;
  }

  toPlain(): PlainIndex {
    return this.mini.toJSON();
  }

  get size(): number {
    return this.mini.documentCount;
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
    const stored = this.mini.getStoredFields(message.id) as Stored | undefined;
    if (stored?.sig === sig && stored.channelId === message.channelId) return false;
    if (stored !== undefined) this.remove(message.id);
    this.mini.add({ ...message, sig } as IndexedMessage);
    this.member(message.channelId).add(message.id);
    return true;
  }

  remove(messageId: string): void {
    const stored = this.mini.getStoredFields(messageId) as Stored | undefined;
    if (stored === undefined) return;
    this.mini.discard(messageId);
    this.byChannel.get(stored.channelId)?.delete(messageId);
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

  /** Best first; filter-only searches list the newest first. */
  search(plan: SearchPlan, bodyOf: BodyLookup, limit: number): LocalHit[] {
    const filter = (result: SearchResult) => plan.accepts(result as unknown as Stored);
    if (plan.terms.length === 0) {
      const all = this.mini.search(MiniSearch.wildcard, { filter }).map(toHit);
      return all.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
    }
    // Only the hits kept are turned into LocalHits (a common word matches thousands).
    const keep = plan.terms.some((term) => term.sequence) ? MAX_PHRASE_CANDIDATES : limit;
    const run = (fuzzy: boolean) =>
      this.mini.search(
        { combineWith: "AND", queries: plan.terms.map((t) => termQuery(t, fuzzy)) },
        { filter },
      );
    // Exact (and prefix) first; near spellings only when nothing matched, as the server does.
    let results = run(false);
    if (results.length === 0 && plan.terms.some((term) => term.fuzzy)) results = run(true);
    const hits = results.slice(0, keep).map(toHit);
    const sequences = plan.terms.filter((term) => term.sequence);
    if (sequences.length === 0) return hits;
    const found: LocalHit[] = [];
    for (const hit of hits) {
      const words = foldedWords(bodyOf(hit.channelId, hit.messageId) ?? "");
      if (sequences.every((term) => containsSequence(words, term.words, term.prefix))) {
        found.push(hit);
        if (found.length === limit) break;
      }
    }
    return found;
  }
}
