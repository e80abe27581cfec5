import type * as Y from "yjs";
import { plainActor } from "../actors.ts";
import type { ForkRecord } from "../records/fork.ts";
import { countLiveMessages, toMessageView } from "./message-view.ts";
import { type ChannelSnapshot, forkLine, readSnapshot } from "./snapshot.ts";
import type { ForkSummary, ForkView } from "./views.ts";

function summarize(snapshot: ChannelSnapshot, fork: ForkRecord): ForkSummary {
  const resolution = fork.resolution;
  return {
    id: fork.id,
    threadId: fork.threadId,
    parentMessageId: fork.parentMessageId,
    title: fork.title,
    status: fork.status,
    createdBy: plainActor(fork.createdBy),
    createdAt: fork.createdAt,
    messageCount: countLiveMessages(forkLine(snapshot, fork.id)),
    resolution: resolution
      ? {
          text: resolution.text,
          summaryMessageId: resolution.summaryMessageId,
          resolvedBy: plainActor(resolution.resolvedBy),
          resolvedAt: resolution.resolvedAt,
        }
      : null,
    closedBy: fork.closedBy ? plainActor(fork.closedBy) : null,
    closedAt: fork.closedAt ?? null,
  };
}

/** A fork, the message it branched from and its messages; undefined when unknown. */
export function forkView(doc: Y.Doc, forkId: string): ForkView | undefined {
  const snapshot = readSnapshot(doc);
  const fork = snapshot.forks.get(forkId);
  if (fork === undefined) return undefined;
  const parent = snapshot.messages.get(fork.parentMessageId);
  return {
    fork: summarize(snapshot, fork),
    parent: parent ? toMessageView(snapshot, parent) : null,
    messages: (forkLine(snapshot, forkId) ?? []).map((message) => toMessageView(snapshot, message)),
  };
}
