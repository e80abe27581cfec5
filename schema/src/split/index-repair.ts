// Keeping a split channel's thread index in step with its thread documents. Yjs gives no
// atomicity across documents, so an index entry can lag its thread document (a peer's two
// updates arrive apart, two replicas pick different winners of concurrent renames, a device
// writes one document and not the other). The thread document decides; the server, which holds
// both, repairs. It writes the digest (a root only it writes) and, in a person-written entry that
// exists, the title and status: field writes, never creating or replacing an entry, so a
// creator's own entry arriving later never collides with the server's work.
import type * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import { threadDigestsMap } from "../layout.ts";
import { commit } from "../operations/transaction.ts";
import { findThread } from "../records/lookup.ts";
import { writeThreadStatus, writeThreadTitle } from "../records/thread.ts";
import {
  isEntryOfDigest,
  isThreadDigest,
  plainThreadDigest,
  type ThreadDigest,
} from "../records/thread-digest.ts";
import { deriveThreadIndexEntry, threadIdOfThreadDocument } from "./derive-index-entry.ts";

/**
 * What is out of step: "digest" (absent or saying something else than the thread document),
 * "record" (the person-written entry's title or status), "foreign" (a person-written entry under
 * this id with another creator or creation stamp: the list ignores it and nothing rewrites it).
 */
export type IndexEntryProblem = "digest" | "record" | "foreign";

export interface StaleIndexEntry {
  readonly threadId: string;
  readonly problems: readonly IndexEntryProblem[];
  /** What the thread document says. */
  readonly expected: ThreadDigest;
}

function digestInStep(channelDoc: Y.Doc, threadId: string, expected: ThreadDigest): boolean {
  const stored = threadDigestsMap(channelDoc).get(threadId);
  return (
    isThreadDigest(stored) && JSON.stringify(plainThreadDigest(stored)) === JSON.stringify(expected)
  );
}

function recordProblem(channelDoc: Y.Doc, threadId: string, expected: ThreadDigest) {
  const listed = findThread(channelDoc, threadId);
  if (listed === undefined) return undefined;
  if (!isEntryOfDigest(listed, expected)) return "foreign";
  return listed.title === expected.title && listed.status === expected.status
    ? undefined
    : "record";
}

/**
 * The index entries of `channelDoc` that disagree with `threadDoc` (at most one: a thread
 * document holds one thread). Empty when in step, and while the thread document holds no valid
 * thread yet (nothing to derive from).
 */
export function staleEntries(channelDoc: Y.Doc, threadDoc: Y.Doc): StaleIndexEntry[] {
  const threadId = threadIdOfThreadDocument(threadDoc);
  const expected = threadId === undefined ? undefined : deriveThreadIndexEntry(threadDoc, threadId);
  if (threadId === undefined || expected === undefined) return [];
  const problems: IndexEntryProblem[] = [];
  if (!digestInStep(channelDoc, threadId, expected)) problems.push("digest");
  const record = recordProblem(channelDoc, threadId, expected);
  if (record !== undefined) problems.push(record);
  return problems.length === 0 ? [] : [{ threadId, problems, expected }];
}

/**
 * Makes the index say what the thread document says, in one transaction of the channel document
 * (server only). Returns what was out of step; writes nothing when all is in step. Deriving
 * re-reads the thread's lines after any change, so call it on load and debounced after changes
 * (a streamed reply changes its thread once per batch of tokens), not on every update.
 */
export function repairThreadIndex(channelDoc: Y.Doc, threadDoc: Y.Doc): StaleIndexEntry[] {
  const stale = staleEntries(channelDoc, threadDoc);
  const writes = stale.filter((entry) => entry.problems.some((p) => p !== "foreign"));
  if (writes.length === 0) return stale;
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () => {
    for (const { threadId, problems, expected } of writes) {
      if (problems.includes("digest")) threadDigestsMap(channelDoc).set(threadId, expected);
      const listed = problems.includes("record") ? findThread(channelDoc, threadId) : undefined;
      if (listed === undefined) continue;
      if (listed.title !== expected.title) writeThreadTitle(listed, expected.title);
      if (listed.status !== expected.status) writeThreadStatus(listed, expected.status);
    }
  });
  return stale;
}
