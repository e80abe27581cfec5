// A split channel's thread list on this device: the channel document's index (the digests the
// server writes), plus the threads this device holds in thread documents that the index does not
// list yet (made here, offline or not yet read by the server: *pending*, listed from the thread
// document itself), ordered like `listThreads` (docs/history-split.md).
import {
  compareStamps,
  deriveThreadIndexEntry,
  listThreadIndex,
  type ThreadIndexSummary,
  threadIdOfThreadDocument,
} from "@openvibe/schema";
import type * as Y from "yjs";

function pendingSummary(threadDoc: Y.Doc): ThreadIndexSummary | undefined {
  const threadId = threadIdOfThreadDocument(threadDoc);
  const derived = deriveThreadIndexEntry(threadDoc, threadId);
  if (threadId === undefined || derived === undefined) return undefined;
  const { title, status, createdBy, createdAt, messageCount, lastActivityAt } = derived;
  return {
    id: threadId,
    title,
    status,
    createdBy,
    createdAt,
    messageCount,
    lastActivityAt,
    digest: null,
  };
}

export function channelThreadList(
  channelDoc: Y.Doc,
  threadDocs: Iterable<Y.Doc>,
): ThreadIndexSummary[] {
  const listed = listThreadIndex(channelDoc);
  const ids = new Set(listed.map((thread) => thread.id));
  const pending: ThreadIndexSummary[] = [];
  for (const threadDoc of threadDocs) {
    const summary = pendingSummary(threadDoc);
    if (summary !== undefined && !ids.has(summary.id)) pending.push(summary);
  }
  if (pending.length === 0) return listed;
  return [...listed, ...pending].sort(
    (a, b) => compareStamps(b.lastActivityAt, a.lastActivityAt) || (a.id < b.id ? -1 : 1),
  );
}
