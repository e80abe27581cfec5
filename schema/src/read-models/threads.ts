import type * as Y from "yjs";
import { plainActor } from "../actors.ts";
import { compareCodeUnits, compareStamps, maxStamp, type Stamp } from "../clock.ts";
import type { ThreadRecord } from "../records/thread.ts";
import { countLiveMessages, toMessageView } from "./message-view.ts";
import { type ChannelSnapshot, readSnapshot } from "./snapshot.ts";
import type { ThreadSummary, ThreadView } from "./views.ts";

function lastActivityByThread(snapshot: ChannelSnapshot): Map<string, Stamp> {
  const latest = new Map<string, Stamp>();
  for (const message of snapshot.messages.values()) {
    const stamp = maxStamp(latest.get(message.threadId), message.createdAt);
    if (stamp !== undefined) latest.set(message.threadId, stamp);
  }
  return latest;
}

function summarize(
  snapshot: ChannelSnapshot,
  thread: ThreadRecord,
  lastMessageAt: Stamp | undefined,
): ThreadSummary {
  return {
    id: thread.id,
    title: thread.title,
    status: thread.status,
    createdBy: plainActor(thread.createdBy),
    createdAt: thread.createdAt,
    messageCount: countLiveMessages(snapshot.mainLines.get(thread.id)),
    lastActivityAt: maxStamp(thread.createdAt, lastMessageAt) ?? thread.createdAt,
  };
}

/** Threads by last activity, most recent first; equal activity by id. */
export function listThreads(doc: Y.Doc): ThreadSummary[] {
  const snapshot = readSnapshot(doc);
  const lastActivity = lastActivityByThread(snapshot);
  return [...snapshot.threads.values()]
    .map((thread) => summarize(snapshot, thread, lastActivity.get(thread.id)))
    .sort(
      (a, b) => compareStamps(b.lastActivityAt, a.lastActivityAt) || compareCodeUnits(a.id, b.id),
    );
}

/** A thread and its main line; undefined when the thread is unknown. */
export function threadView(doc: Y.Doc, threadId: string): ThreadView | undefined {
  const snapshot = readSnapshot(doc);
  const thread = snapshot.threads.get(threadId);
  if (thread === undefined) return undefined;
  const lastActivity = lastActivityByThread(snapshot).get(threadId);
  return {
    thread: summarize(snapshot, thread, lastActivity),
    messages: (snapshot.mainLines.get(threadId) ?? []).map((message) =>
      toMessageView(snapshot, message),
    ),
  };
}
