// The channel's thread list read from a split channel document alone, without any thread
// document: the person-written entries joined with the server-derived activity. A thread
// created offline lists at once, with `activity: null` until the server has derived it.
import type * as Y from "yjs";
import { plainActor } from "../actors.ts";
import { compareCodeUnits, compareStamps, type Stamp } from "../clock.ts";
import { threadActivityMap } from "../layout.ts";
import { readSnapshot } from "../read-models/snapshot.ts";
import type { ThreadSummary } from "../read-models/views.ts";
import {
  isThreadActivity,
  plainThreadActivity,
  type ThreadActivity,
} from "../records/thread-activity.ts";

export interface ThreadIndexSummary extends Omit<ThreadSummary, "messageCount"> {
  /** Null until the server has derived the thread's activity (a thread made offline). */
  readonly messageCount: number | null;
  /** The derived part as the server last wrote it; null until then. */
  readonly activity: ThreadActivity | null;
}

function activityOf(channelDoc: Y.Doc, threadId: string): ThreadActivity | null {
  const stored = threadActivityMap(channelDoc).get(threadId);
  return isThreadActivity(stored) ? plainThreadActivity(stored) : null;
}

/** Like `listThreads`: by last activity (the thread's creation until derived), ties by id. */
export function listThreadIndex(channelDoc: Y.Doc): ThreadIndexSummary[] {
  const summaries: ThreadIndexSummary[] = [];
  for (const thread of readSnapshot(channelDoc).threads.values()) {
    const activity = activityOf(channelDoc, thread.id);
    const lastActivityAt: Stamp = activity?.lastActivityAt ?? thread.createdAt;
    summaries.push({
      id: thread.id,
      title: thread.title,
      status: thread.status,
      createdBy: plainActor(thread.createdBy),
      createdAt: thread.createdAt,
      messageCount: activity?.messageCount ?? null,
      lastActivityAt,
      activity,
    });
  }
  return summaries.sort(
    (a, b) => compareStamps(b.lastActivityAt, a.lastActivityAt) || compareCodeUnits(a.id, b.id),
  );
}
