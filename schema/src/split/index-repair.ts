// Keeping a split channel's thread index in step with its thread documents. Yjs gives no
// atomicity across documents, so an index entry can lag its thread document (a peer's two
// updates arrive apart, two replicas pick different winners of concurrent renames, a device
// writes one document and not the other). The thread document decides; the server, which holds
// both, calls `repairThreadIndex` whenever it loads a thread document and after each change to
// one (the same place it records late arrivals), and peers converge on what it writes.
import type * as Y from "yjs";
import { SYSTEM_ACTOR, sameActor } from "../actors.ts";
import { threadActivityMap, threadsMap } from "../layout.ts";
import { commit } from "../operations/transaction.ts";
import { findThread } from "../records/lookup.ts";
import { insertThread, writeThreadStatus, writeThreadTitle } from "../records/thread.ts";
import { isThreadActivity, plainThreadActivity } from "../records/thread-activity.ts";
import { deriveThreadIndexEntry, type ThreadIndexEntry } from "./derive-index-entry.ts";

/**
 * What is out of step: "missing" (no valid entry), "fixed" (the creator or creation stamp
 * differ: an entry someone else made under this id), "record" (title or status), "activity".
 */
export type IndexEntryProblem = "missing" | "fixed" | "record" | "activity";

export interface StaleIndexEntry {
  readonly threadId: string;
  readonly problems: readonly IndexEntryProblem[];
  /** What the entry should say, from the thread document. */
  readonly expected: ThreadIndexEntry;
}

function recordProblem(channelDoc: Y.Doc, expected: ThreadIndexEntry): IndexEntryProblem | null {
  const listed = findThread(channelDoc, expected.record.id);
  if (listed === undefined) return "missing";
  const { createdBy, createdAt, title, status } = expected.record;
  if (!sameActor(listed.createdBy, createdBy) || listed.createdAt !== createdAt) return "fixed";
  return listed.title === title && listed.status === status ? null : "record";
}

function activityInStep(channelDoc: Y.Doc, expected: ThreadIndexEntry): boolean {
  const stored = threadActivityMap(channelDoc).get(expected.record.id);
  return (
    isThreadActivity(stored) &&
    JSON.stringify(plainThreadActivity(stored)) === JSON.stringify(expected.activity)
  );
}

/**
 * The index entries of `channelDoc` that disagree with `threadDoc` (at most one: a thread
 * document holds one thread). Empty when in step, and while the thread document holds no valid
 * thread yet (nothing to derive from).
 */
export function staleEntries(channelDoc: Y.Doc, threadDoc: Y.Doc): StaleIndexEntry[] {
  const expected = deriveThreadIndexEntry(threadDoc);
  if (expected === undefined) return [];
  const problems: IndexEntryProblem[] = [];
  const record = recordProblem(channelDoc, expected);
  if (record !== null) problems.push(record);
  if (!activityInStep(channelDoc, expected)) problems.push("activity");
  return problems.length === 0 ? [] : [{ threadId: expected.record.id, problems, expected }];
}

function repairRecord(channelDoc: Y.Doc, stale: StaleIndexEntry): void {
  const { record } = stale.expected;
  const listed = findThread(channelDoc, record.id);
  if (listed === undefined || stale.problems.includes("fixed")) {
    insertThread(threadsMap(channelDoc), record);
    return;
  }
  if (listed.title !== record.title) writeThreadTitle(listed, record.title);
  if (listed.status !== record.status) writeThreadStatus(listed, record.status);
}

/**
 * Makes the index entry say what the thread document says, in one transaction of the channel
 * document (server only: it writes the person-written part too). Returns what it repaired;
 * nothing is written when the entry is in step, so calling it after every change is cheap.
 */
export function repairThreadIndex(channelDoc: Y.Doc, threadDoc: Y.Doc): StaleIndexEntry[] {
  const stale = staleEntries(channelDoc, threadDoc);
  if (stale.length === 0) return stale;
  commit(channelDoc, SYSTEM_ACTOR, "repairThreadIndex", () => {
    for (const entry of stale) {
      if (entry.problems.some((problem) => problem !== "activity")) repairRecord(channelDoc, entry);
      if (entry.problems.includes("activity")) {
        threadActivityMap(channelDoc).set(entry.threadId, entry.expected.activity);
      }
    }
  });
  return stale;
}
