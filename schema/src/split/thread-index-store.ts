// The thread index of a split channel document: a Y.Array of `{key: threadId, val: digest}` (the
// digest's stored form, records/thread-digest.ts) used as a key-value store through y-utility's
// YKeyValue (docs/history-split.md). A Y.Map whose values are rewritten keeps every overwritten
// value's item for good (~190 B of heap each, and every message rewrites its thread's digest);
// YKeyValue deletes the old item, which Yjs then merges with its deleted neighbours, so the
// document stays near its live size.
//
// Only the server writes the index (the write guard refuses every peer write). Two writers (two
// server processes, or a re-run) can leave one key twice: the rightmost item wins, as YKeyValue
// decides, and the server's writer removes the others. Readers never construct a YKeyValue: it
// writes (it removes duplicates as it starts and as they arrive), and a peer's write into the
// channel document is refused with its whole update.
//
// The index is bounded: it keeps the digests of the `THREAD_INDEX_WINDOW` most recently active
// threads plus every thread with open forks or pins; the server serves the others from its SQL
// projection.
import { YKeyValue } from "y-utility/y-keyvalue";
import type * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import { compareCodeUnits, compareStamps, type Stamp } from "../clock.ts";
import { type ThreadIndexItem, threadIndexArray } from "../layout.ts";
import { commit } from "../operations/transaction.ts";
import {
  isStoredThreadDigest,
  readStoredThreadDigest,
  storedThreadDigest,
  type ThreadDigest,
} from "../records/thread-digest.ts";

/** How many most recently active threads the channel document keeps a digest of. */
export const THREAD_INDEX_WINDOW = 1000;

const decoded = new WeakMap<object, ThreadDigest | null>();

/** A shared digest, made read-only so no reader can change another's. */
function frozen(digest: ThreadDigest | undefined): ThreadDigest | undefined {
  if (digest === undefined) return undefined;
  for (const part of [digest.createdBy, ...digest.pinned, ...digest.recent]) Object.freeze(part);
  for (const pin of digest.pinned) Object.freeze(pin.by);
  Object.freeze(digest.pinned);
  Object.freeze(digest.recent);
  return Object.freeze(digest);
}

/**
 * The digest a stored value holds, decoded once per value (an item's value object stays the same
 * for the item's life, and readers list the index on every change: 1,000 digests decode in ~9 ms,
 * are looked up in ~1 ms).
 */
function digestOf(value: unknown): ThreadDigest | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  let digest = decoded.get(value);
  if (digest === undefined) {
    digest = frozen(readStoredThreadDigest(value)) ?? null;
    decoded.set(value, digest);
  }
  return digest ?? undefined;
}

/**
 * Every thread's digest, by thread id: per key the rightmost item (YKeyValue's choice), and
 * nothing for a key whose rightmost value is not a valid digest. The digests are shared between
 * reads: do not change them.
 */
export function readThreadDigests(channelDoc: Y.Doc): Map<string, ThreadDigest> {
  const items = threadIndexArray(channelDoc).toArray();
  const seen = new Set<string>();
  const digests = new Map<string, ThreadDigest>();
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item === undefined || typeof item.key !== "string" || seen.has(item.key)) continue;
    seen.add(item.key);
    const digest = digestOf(item.val);
    if (digest !== undefined) digests.set(item.key, digest);
  }
  return digests;
}

/** What the window reads of a digest, in either form (the server never unpacks `recent`). */
export interface WindowFacts {
  readonly lastActivityAt: Stamp;
  readonly openForkCount: number;
  readonly pinned: readonly unknown[];
}

/** Most recent activity first, equal activity by id: `listThreads`'s order. */
function byActivity(
  [idA, a]: readonly [string, WindowFacts],
  [idB, b]: readonly [string, WindowFacts],
): number {
  return compareStamps(b.lastActivityAt, a.lastActivityAt) || compareCodeUnits(idA, idB);
}

/**
 * The threads whose digests the channel document keeps: the `window` most recently active, and
 * every thread with open forks or pins (the channel's pin list and fork badges read them).
 */
export function threadsInWindow(
  digests: ReadonlyMap<string, WindowFacts>,
  window: number = THREAD_INDEX_WINDOW,
): Set<string> {
  const ranked = [...digests].sort(byActivity);
  const kept = new Set(ranked.slice(0, Math.max(0, window)).map(([threadId]) => threadId));
  for (const [threadId, digest] of ranked) {
    if (digest.openForkCount > 0 || digest.pinned.length > 0) kept.add(threadId);
  }
  return kept;
}

const writers = new WeakMap<Y.Array<ThreadIndexItem>, YKeyValue<unknown>>();

/**
 * The server's YKeyValue over the index, one per document (each one observes it and keeps its
 * current items in `map`). Starting one removes duplicate keys, under the server's origin.
 */
function indexWriter(channelDoc: Y.Doc): YKeyValue<unknown> {
  const array = threadIndexArray(channelDoc);
  let writer = writers.get(array);
  if (writer === undefined) {
    writer = commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () => new YKeyValue(array));
    writers.set(array, writer);
  }
  return writer;
}

/** The writer's current digests (valid ones, as stored), by thread id. */
function storedDigestsOf(writer: YKeyValue<unknown>): Map<string, WindowFacts> {
  const digests = new Map<string, WindowFacts>();
  for (const [threadId, { val }] of writer.map) {
    if (isStoredThreadDigest(val)) digests.set(threadId, val);
  }
  return digests;
}

/** Removes every item whose key `remove` picks, right to left (call inside a transaction). */
function removeItems(channelDoc: Y.Doc, remove: (key: unknown) => boolean): void {
  const array = threadIndexArray(channelDoc);
  const items = array.toArray();
  for (let index = items.length - 1; index >= 0; index -= 1) {
    if (remove(items[index]?.key)) array.delete(index, 1);
  }
}

/** What a change to the index did: whether the digest was written, which threads left it. */
export interface IndexChange {
  readonly written: boolean;
  readonly removed: readonly string[];
}

/**
 * Server: makes the index hold `digest` for `threadId` if the thread is in the window, and
 * trims the window, in one transaction; writes nothing when all is in step. O(1) while the index
 * holds fewer threads than the window, O(n log n) beyond.
 */
export function placeThreadDigest(
  channelDoc: Y.Doc,
  threadId: string,
  digest: ThreadDigest,
  window: number = THREAD_INDEX_WINDOW,
): IndexChange {
  const writer = indexWriter(channelDoc);
  const stored = storedThreadDigest(digest);
  // Stored values keep the field order they were written in: equal JSON, equal digest.
  const inStep = JSON.stringify(writer.get(threadId)) === JSON.stringify(stored);
  const size = writer.map.size + (writer.has(threadId) ? 0 : 1);
  let kept: ReadonlySet<string> | undefined;
  if (size > window) {
    kept = threadsInWindow(storedDigestsOf(writer).set(threadId, stored), window);
  }
  const written = !inStep && (kept === undefined || kept.has(threadId));
  const removed = kept === undefined ? [] : [...writer.map.keys()].filter((id) => !kept.has(id));
  if (!written && removed.length === 0) return { written, removed };
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () => {
    if (written) writer.set(threadId, stored);
    if (kept !== undefined) removeItems(channelDoc, (key) => !kept.has(String(key)));
  });
  return { written, removed };
}

/**
 * Server: removes the digests beyond the window, and anything in the index that is not a valid
 * digest. Returns the threads removed.
 */
export function trimThreadIndex(channelDoc: Y.Doc, window: number = THREAD_INDEX_WINDOW): string[] {
  const writer = indexWriter(channelDoc);
  const kept = threadsInWindow(storedDigestsOf(writer), window);
  const removed = [...writer.map.keys()].filter((threadId) => !kept.has(threadId));
  if (removed.length === 0) return removed;
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () =>
    removeItems(channelDoc, (key) => !kept.has(String(key))),
  );
  return removed;
}

/** Server: removes a thread's digest; whether there was one. */
export function removeThreadDigest(channelDoc: Y.Doc, threadId: string): boolean {
  const writer = indexWriter(channelDoc);
  if (!writer.has(threadId)) return false;
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () => writer.delete(threadId));
  return true;
}
