// The channel's thread list read from a split channel document alone, without any thread
// document. A thread the server has read lists from its digest (what its thread document says,
// with counts); one it has not read yet (made offline, or its updates still on their way) lists
// from the person-written entry its creator wrote, which the server removes once the digest
// stands for it (index-repair.ts).
import * as Y from "yjs";
import { type Actor, isActor, plainActor } from "../actors.ts";
import { compareCodeUnits, compareStamps } from "../clock.ts";
import { threadDigestsMap, threadsMap } from "../layout.ts";
import { readSnapshot } from "../read-models/snapshot.ts";
import type { ThreadSummary } from "../read-models/views.ts";
import type { ThreadRecord } from "../records/thread.ts";
import { isThreadDigest, plainThreadDigest, type ThreadDigest } from "../records/thread-digest.ts";

export interface ThreadIndexSummary extends Omit<ThreadSummary, "messageCount"> {
  /** Null until the server has read the thread (a thread made offline). */
  readonly messageCount: number | null;
  /** What the server last read from the thread document; null until then. */
  readonly digest: ThreadDigest | null;
}

function fromDigest(id: string, digest: ThreadDigest): ThreadIndexSummary {
  return {
    id,
    title: digest.title,
    status: digest.status,
    createdBy: digest.createdBy,
    createdAt: digest.createdAt,
    messageCount: digest.messageCount,
    lastActivityAt: digest.lastActivityAt,
    digest,
  };
}

function fromEntry(entry: ThreadRecord): ThreadIndexSummary {
  return {
    id: entry.id,
    title: entry.title,
    status: entry.status,
    createdBy: plainActor(entry.createdBy),
    createdAt: entry.createdAt,
    messageCount: null,
    lastActivityAt: entry.createdAt,
    digest: null,
  };
}

/** Like `listThreads`: by last activity (the thread's creation until read), ties by id. */
export function listThreadIndex(channelDoc: Y.Doc): ThreadIndexSummary[] {
  const summaries = new Map<string, ThreadIndexSummary>();
  threadDigestsMap(channelDoc).forEach((value, threadId) => {
    if (isThreadDigest(value))
      summaries.set(threadId, fromDigest(threadId, plainThreadDigest(value)));
  });
  for (const entry of readSnapshot(channelDoc).threads.values()) {
    if (!summaries.has(entry.id)) summaries.set(entry.id, fromEntry(entry));
  }
  return [...summaries.values()].sort(
    (a, b) => compareStamps(b.lastActivityAt, a.lastActivityAt) || compareCodeUnits(a.id, b.id),
  );
}

/**
 * Who a channel document names as a thread's creator: its digest's (the server read the thread
 * document), else the person-written entry's (one-document channels have only those); undefined
 * when the channel does not list the thread. The server's guard uses its own copy's answer.
 */
export function listedThreadCreator(channelDoc: Y.Doc, threadId: string): Actor | undefined {
  const digest = threadDigestsMap(channelDoc).get(threadId);
  if (isThreadDigest(digest)) return plainActor(digest.createdBy);
  const entry = threadsMap(channelDoc).get(threadId);
  const createdBy = entry instanceof Y.Map ? entry.get("createdBy") : undefined;
  return isActor(createdBy) ? plainActor(createdBy) : undefined;
}
