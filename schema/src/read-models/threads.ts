import type * as Y from "yjs";
import { plainActor } from "../actors.ts";
import { compareCodeUnits, compareStamps, maxStamp, type Stamp } from "../clock.ts";
import type { MessageRecord } from "../records/message.ts";
import type { ThreadRecord } from "../records/thread.ts";
import { countLiveMessages, toMessageView } from "./message-view.ts";
import { type ChannelSnapshot, readSnapshot } from "./snapshot.ts";
import type { MessageView, ThreadSummary, ThreadView } from "./views.ts";

function summarize(snapshot: ChannelSnapshot, thread: ThreadRecord): ThreadSummary {
  const { mainLine, lastMessageAt } = snapshot.lines(thread.id);
  return {
    id: thread.id,
    title: thread.title,
    status: thread.status,
    createdBy: plainActor(thread.createdBy),
    createdAt: thread.createdAt,
    messageCount: countLiveMessages(mainLine),
    lastActivityAt: maxStamp(thread.createdAt, lastMessageAt) ?? thread.createdAt,
  };
}

/** Threads by last activity, most recent first; equal activity by id. */
export function listThreads(doc: Y.Doc): ThreadSummary[] {
  const snapshot = readSnapshot(doc);
  return [...snapshot.threads.values()]
    .map((thread) => summarize(snapshot, thread))
    .sort(
      (a, b) => compareStamps(b.lastActivityAt, a.lastActivityAt) || compareCodeUnits(a.id, b.id),
    );
}

/** A thread and its main line; undefined when the thread is unknown. */
export function threadView(doc: Y.Doc, threadId: string): ThreadView | undefined {
  const snapshot = readSnapshot(doc);
  const thread = snapshot.threads.get(threadId);
  if (thread === undefined) return undefined;
  return {
    thread: summarize(snapshot, thread),
    messages: snapshot.lines(threadId).mainLine.map((message) => toMessageView(snapshot, message)),
  };
}

/** Index of the first message of a line (by createdAt) stamped after `stamp`. */
function firstAfter(line: readonly MessageRecord[], stamp: Stamp): number {
  let low = 0;
  let high = line.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((line[middle] as MessageRecord).createdAt > stamp) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The main-line messages of a thread stamped after `after` (all of them for null), by
 * (createdAt, id): `threadView(...).messages` without what came before, which unread counts
 * never need. Empty for an unknown thread.
 */
export function threadMessagesAfter(
  doc: Y.Doc,
  threadId: string,
  after: Stamp | null,
): MessageView[] {
  const snapshot = readSnapshot(doc);
  const line = snapshot.lines(threadId).mainLine;
  const from = after === null ? 0 : firstAfter(line, after);
  return line.slice(from).map((message) => toMessageView(snapshot, message));
}
