// The thread index of a split channel document: a Y.Array of `{key: threadId, val: digest}` used
// as a key-value store through y-utility's YKeyValue (docs/history-split.md). A Y.Map whose
// values are rewritten keeps every overwritten value's item for good (~190 B of heap each, and
// every message rewrites its thread's digest); YKeyValue deletes the old item, which Yjs then
// merges with its deleted neighbours, so the document stays near its live size.
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
import { compareCodeUnits, compareStamps } from "../clock.ts";
import { type ThreadIndexItem, threadIndexArray } from "../layout.ts";
import { commit } from "../operations/transaction.ts";
import {
  isThreadDigest,
  plainThreadDigest,
  sameThreadDigest,
  type ThreadDigest,
} from "../records/thread-digest.ts";

/** How many most recently active threads the channel document keeps a digest of. */
export const THREAD_INDEX_WINDOW = 1000;

/**
 * Every thread's digest, by thread id: per key the rightmost item (YKeyValue's choice), and
 * nothing for a key whose rightmost value is not a valid digest.
 */
export function readThreadDigests(channelDoc: Y.Doc): Map<string, ThreadDigest> {
  const items = threadIndexArray(channelDoc).toArray();
  const seen = new Set<string>();
  const digests = new Map<string, ThreadDigest>();
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item === undefined || typeof item.key !== "string" || seen.has(item.key)) continue;
    seen.add(item.key);
    if (isThreadDigest(item.val)) digests.set(item.key, plainThreadDigest(item.val));
  }
  return digests;
}

/** Most recent activity first, equal activity by id: `listThreads`'s order. */
export function byActivity(
  [idA, a]: readonly [string, ThreadDigest],
  [idB, b]: readonly [string, ThreadDigest],
): number {
  return compareStamps(b.lastActivityAt, a.lastActivityAt) || compareCodeUnits(idA, idB);
}

/**
 * The threads whose digests the channel document keeps: the `window` most recently active, and
 * every thread with open forks or pins (the channel's pin list and fork badges read them).
 */
export function threadsInWindow(
  digests: ReadonlyMap<string, ThreadDigest>,
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

/** The server's YKeyValue over the index (one per document: each one observes it). */
function indexWriter(channelDoc: Y.Doc): YKeyValue<unknown> {
  const array = threadIndexArray(channelDoc);
  let writer = writers.get(array);
  if (writer === undefined) {
    writer = new YKeyValue<unknown>(array);
    writers.set(array, writer);
  }
  return writer;
}

/** Removes the items of `threadIds` from the index (inside a transaction), right to left. */
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
 * trims the window, in one transaction; writes nothing when all is in step.
 */
export function placeThreadDigest(
  channelDoc: Y.Doc,
  threadId: string,
  digest: ThreadDigest,
  window: number = THREAD_INDEX_WINDOW,
): IndexChange {
  const stored = readThreadDigests(channelDoc);
  const inStep = stored.get(threadId);
  const withDigest = new Map(stored).set(threadId, digest);
  const kept = threadsInWindow(withDigest, window);
  const written = kept.has(threadId) && !(inStep !== undefined && sameThreadDigest(inStep, digest));
  const removed = [...stored.keys()].filter((id) => !kept.has(id));
  const invalid = threadIndexArray(channelDoc).length > stored.size;
  if (!written && removed.length === 0 && !invalid) return { written, removed };
  const writer = indexWriter(channelDoc);
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () => {
    if (written) writer.set(threadId, plainThreadDigest(digest));
    const gone = new Set(removed);
    removeItems(
      channelDoc,
      (key) => typeof key !== "string" || gone.has(key) || !withDigest.has(key),
    );
  });
  return { written, removed };
}

/**
 * Server: removes the digests beyond the window (and anything in the index that is not a valid
 * digest). Returns the threads removed.
 */
export function trimThreadIndex(channelDoc: Y.Doc, window: number = THREAD_INDEX_WINDOW): string[] {
  const stored = readThreadDigests(channelDoc);
  const kept = threadsInWindow(stored, window);
  const removed = [...stored.keys()].filter((threadId) => !kept.has(threadId));
  if (removed.length === 0 && threadIndexArray(channelDoc).length === stored.size) return removed;
  indexWriter(channelDoc);
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () =>
    removeItems(channelDoc, (key) => typeof key !== "string" || !kept.has(key)),
  );
  return removed;
}

/** Server: removes a thread's digest; whether there was one. */
export function removeThreadDigest(channelDoc: Y.Doc, threadId: string): boolean {
  const array = threadIndexArray(channelDoc);
  if (!array.toArray().some((item) => item.key === threadId)) return false;
  indexWriter(channelDoc);
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () =>
    removeItems(channelDoc, (key) => key === threadId),
  );
  return true;
}
