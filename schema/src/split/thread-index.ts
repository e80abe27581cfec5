// The channel's thread list read from a split channel document, without loading any thread
// document: each digest in the index, plus the threads this device holds in thread documents
// that the index does not list yet (pending: made here, offline or not yet read by the server),
// derived from those local documents. Older threads, beyond the index's window, come from the
// server's paged thread list.
import type * as Y from "yjs";
import { compareCodeUnits, compareStamps } from "../clock.ts";
import { readChannelId } from "../operations/channel.ts";
import type { ThreadSummary } from "../read-models/views.ts";
import type { ThreadDigest } from "../records/thread-digest.ts";
import { deriveThreadIndexEntry, threadIdOfThreadDocument } from "./derive-index-entry.ts";
import { readThreadDigests } from "./thread-index-store.ts";

export interface ThreadIndexSummary extends ThreadSummary {
  /** What the server last read from the thread document; null while pending (derived locally). */
  readonly digest: ThreadDigest | null;
}

/** A thread as the channel lists it, from its digest (a thread the server has read). */
export function indexedThreadSummary(id: string, digest: ThreadDigest): ThreadIndexSummary {
  return { ...summaryOf(id, digest), digest };
}

function summaryOf(id: string, digest: ThreadDigest): ThreadSummary {
  return {
    id,
    title: digest.title,
    status: digest.status,
    createdBy: digest.createdBy,
    createdAt: digest.createdAt,
    messageCount: digest.messageCount,
    lastActivityAt: digest.lastActivityAt,
  };
}

/** A local thread document of another channel (by its meta, once the server set it up). */
function ofOtherChannel(threadDoc: Y.Doc, channelId: string | undefined): boolean {
  const stored = readChannelId(threadDoc);
  return channelId !== undefined && stored !== undefined && stored !== channelId;
}

/**
 * Like `listThreads`: by last activity, ties by id. `pending`: this device's thread documents of
 * the channel; those the index has no digest for list from what they hold (`digest: null`).
 */
export function listThreadIndex(
  channelDoc: Y.Doc,
  pending: Iterable<Y.Doc> = [],
): ThreadIndexSummary[] {
  const summaries = new Map<string, ThreadIndexSummary>();
  for (const [threadId, digest] of readThreadDigests(channelDoc)) {
    summaries.set(threadId, indexedThreadSummary(threadId, digest));
  }
  const channelId = readChannelId(channelDoc);
  for (const threadDoc of pending) {
    const threadId = threadIdOfThreadDocument(threadDoc);
    if (threadId === undefined || summaries.has(threadId)) continue;
    if (ofOtherChannel(threadDoc, channelId)) continue;
    const derived = deriveThreadIndexEntry(threadDoc, threadId);
    if (derived !== undefined) {
      summaries.set(threadId, { ...summaryOf(threadId, derived), digest: null });
    }
  }
  return [...summaries.values()].sort(
    (a, b) => compareStamps(b.lastActivityAt, a.lastActivityAt) || compareCodeUnits(a.id, b.id),
  );
}
