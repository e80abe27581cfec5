// What a thread's index entry should say, computed from its thread document alone: the digest
// (the thread entry as the thread document holds it, and what only reading the whole thread
// tells). The server writes it into the channel document's thread index (index-repair.ts) and
// its SQL projection; every peer computes the same from the same updates.
import type * as Y from "yjs";
import { threadsMap } from "../layout.ts";
import { latestStampInThread } from "../operations/stamps.ts";
import { listPinned } from "../read-models/messages.ts";
import { readSnapshot } from "../read-models/snapshot.ts";
import { listThreads } from "../read-models/threads.ts";
import { isDeleted } from "../records/message.ts";
import {
  DIGEST_RECENT_MESSAGES,
  plainThreadDigest,
  type RecentMessage,
  type ThreadDigest,
} from "../records/thread-digest.ts";
import { readThreadDocumentThreadId } from "./init-documents.ts";

/** Its meta's thread id (set by the server), else its only thread entry (a fresh replica). */
export function threadIdOfThreadDocument(threadDoc: Y.Doc): string | undefined {
  const fromMeta = readThreadDocumentThreadId(threadDoc);
  if (fromMeta !== undefined) return fromMeta;
  const keys = [...threadsMap(threadDoc).keys()];
  return keys.length === 1 ? keys[0] : undefined;
}

/** The last live main-line messages, oldest first, as unread counts compare them. */
function recentMessages(threadDoc: Y.Doc, threadId: string): RecentMessage[] {
  const live = readSnapshot(threadDoc)
    .lines(threadId)
    .mainLine.filter((message) => !isDeleted(message));
  return live
    .slice(-DIGEST_RECENT_MESSAGES)
    .map((message) => ({ stamp: message.createdAt, authorId: message.author.id }));
}

/** The digest the thread document implies; undefined while it holds no valid thread entry. */
export function deriveThreadIndexEntry(
  threadDoc: Y.Doc,
  threadId: string | undefined = threadIdOfThreadDocument(threadDoc),
): ThreadDigest | undefined {
  if (threadId === undefined) return undefined;
  const summary = listThreads(threadDoc).find((thread) => thread.id === threadId);
  if (summary === undefined) return undefined;
  let openForkCount = 0;
  for (const fork of readSnapshot(threadDoc).forks.values()) {
    if (fork.threadId === threadId && fork.status === "open") openForkCount += 1;
  }
  const pinned = listPinned(threadDoc)
    .filter((pin) => pin.message.threadId === threadId)
    .map((pin) => ({ messageId: pin.message.id, by: pin.pinnedBy, at: pin.pinnedAt }));
  return plainThreadDigest({
    title: summary.title,
    status: summary.status,
    createdBy: summary.createdBy,
    createdAt: summary.createdAt,
    messageCount: summary.messageCount,
    lastActivityAt: summary.lastActivityAt,
    latestStamp: latestStampInThread(threadDoc, threadId) ?? summary.createdAt,
    openForkCount,
    pinned,
    recent: recentMessages(threadDoc, threadId),
  });
}
