// What a thread's index entry should say, computed from its thread document alone: the thread
// record (the person-written part, as the thread document holds it: it decides when the two
// documents disagree) and the server-derived activity. The server writes the result into the
// channel document (index-repair.ts); every peer computes the same from the same updates.
import type * as Y from "yjs";
import { plainActor } from "../actors.ts";
import { threadsMap } from "../layout.ts";
import { latestStampInThread } from "../operations/stamps.ts";
import { listPinned } from "../read-models/messages.ts";
import { readSnapshot } from "../read-models/snapshot.ts";
import { listThreads } from "../read-models/threads.ts";
import { findThread } from "../records/lookup.ts";
import type { NewThread } from "../records/thread.ts";
import { plainThreadActivity, type ThreadActivity } from "../records/thread-activity.ts";
import { readThreadDocumentThreadId } from "./init-documents.ts";

export interface ThreadIndexEntry {
  readonly record: NewThread;
  readonly activity: ThreadActivity;
}

/** Its meta's thread id (set by the server), else its only thread entry (a fresh replica). */
export function threadIdOfThreadDocument(threadDoc: Y.Doc): string | undefined {
  const fromMeta = readThreadDocumentThreadId(threadDoc);
  if (fromMeta !== undefined) return fromMeta;
  const keys = [...threadsMap(threadDoc).keys()];
  return keys.length === 1 ? keys[0] : undefined;
}

function activityOf(threadDoc: Y.Doc, threadId: string): ThreadActivity | undefined {
  const summary = listThreads(threadDoc).find((thread) => thread.id === threadId);
  if (summary === undefined) return undefined;
  let openForkCount = 0;
  for (const fork of readSnapshot(threadDoc).forks.values()) {
    if (fork.threadId === threadId && fork.status === "open") openForkCount += 1;
  }
  const pinned = listPinned(threadDoc)
    .filter((pin) => pin.message.threadId === threadId)
    .map((pin) => ({ messageId: pin.message.id, by: pin.pinnedBy, at: pin.pinnedAt }));
  return plainThreadActivity({
    messageCount: summary.messageCount,
    lastActivityAt: summary.lastActivityAt,
    latestStamp: latestStampInThread(threadDoc, threadId) ?? summary.createdAt,
    openForkCount,
    pinned,
  });
}

/** The index entry the thread document implies; undefined while it holds no valid thread. */
export function deriveThreadIndexEntry(
  threadDoc: Y.Doc,
  threadId: string | undefined = threadIdOfThreadDocument(threadDoc),
): ThreadIndexEntry | undefined {
  if (threadId === undefined) return undefined;
  const thread = findThread(threadDoc, threadId);
  const activity = activityOf(threadDoc, threadId);
  if (thread === undefined || activity === undefined) return undefined;
  return {
    record: {
      id: thread.id,
      title: thread.title,
      createdBy: plainActor(thread.createdBy),
      createdAt: thread.createdAt,
      status: thread.status,
    },
    activity,
  };
}
