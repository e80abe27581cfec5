// Keeping a split channel's thread index in step with its thread documents. Yjs gives no
// atomicity across documents, so the index can lag a thread document (a peer's two updates
// arrive apart, two replicas pick different winners of concurrent renames, a device writes one
// document and not the other). The thread document decides; the server, which holds both,
// repairs: it writes the thread's digest (a root only it writes) and then removes the thread's
// person-written entry, which the digest now stands for. It never creates or replaces a person's
// entry, so a creator's own entry arriving later never collides with the server's work (it is
// simply removed again), and in the steady state the channel document holds digests only.
import type * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import { threadDigestsMap, threadsMap } from "../layout.ts";
import { commit } from "../operations/transaction.ts";
import { isThreadDigest, plainThreadDigest, type ThreadDigest } from "../records/thread-digest.ts";
import { deriveThreadIndexEntry, threadIdOfThreadDocument } from "./derive-index-entry.ts";

/**
 * What is out of step: "digest" (absent, or saying something else than the thread document),
 * "entry" (a person-written entry is still there: the creator's, waiting to be replaced by the
 * digest, or anyone's written under the thread's id).
 */
export type IndexEntryProblem = "digest" | "entry";

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
  if (threadsMap(channelDoc).has(threadId)) problems.push("entry");
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
  if (stale.length === 0) return stale;
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () => {
    for (const { threadId, problems, expected } of stale) {
      if (problems.includes("digest")) threadDigestsMap(channelDoc).set(threadId, expected);
      if (problems.includes("entry")) threadsMap(channelDoc).delete(threadId);
    }
  });
  return stale;
}
