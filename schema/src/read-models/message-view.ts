import { plainActor } from "../actors.ts";
import { compareCodeUnits } from "../clock.ts";
import { plainAttachment } from "../records/attachment.ts";
import { isDeleted, type MessageRecord } from "../records/message.ts";
import type { TaskState } from "../records/task.ts";
import { type ChannelSnapshot, forkLine, forksOf } from "./snapshot.ts";
import type { ForkMarker, MessageView, ReactionGroup, TaskView } from "./views.ts";

export function countLiveMessages(messages: readonly MessageRecord[] | undefined): number {
  return (messages ?? []).filter((message) => !isDeleted(message)).length;
}

function reactionGroups(snapshot: ChannelSnapshot, message: MessageRecord): ReactionGroup[] {
  const byEmoji = snapshot.reactions.get(message.id);
  if (byEmoji === undefined || isDeleted(message)) return [];
  return [...byEmoji.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([emoji, actorIds]) => ({
      emoji,
      actorIds: [...actorIds].sort(compareCodeUnits),
      count: actorIds.size,
    }));
}

function forkMarkers(snapshot: ChannelSnapshot, message: MessageRecord): ForkMarker[] {
  return (forksOf(snapshot, message) ?? []).map((fork) => ({
    forkId: fork.id,
    title: fork.title,
    status: fork.status,
    messageCount: countLiveMessages(forkLine(snapshot, fork.id)),
  }));
}

/** The first later reply of the same task in the message's line: its retry. */
function retryOf(snapshot: ChannelSnapshot, message: MessageRecord, taskId: string): string | null {
  const lines = snapshot.lines(message.threadId);
  const line =
    message.forkId === null ? lines.mainLine : (lines.forkLines.get(message.forkId) ?? []);
  const retry = line.find(
    (other) =>
      other.task?.taskId === taskId &&
      (other.createdAt > message.createdAt ||
        (other.createdAt === message.createdAt && other.id > message.id)),
  );
  return retry?.id ?? null;
}

function taskView(snapshot: ChannelSnapshot, message: MessageRecord, task: TaskState): TaskView {
  const finishedWithoutAnswer = task.status === "failed" || task.status === "cancelled";
  return {
    taskId: task.taskId,
    status: task.status,
    model: task.model ?? null,
    usage: task.usage
      ? { inputTokens: task.usage.inputTokens, outputTokens: task.usage.outputTokens }
      : null,
    error: task.error ?? null,
    stopReason: task.stopReason ?? null,
    updatedAt: task.updatedAt,
    retriedBy: finishedWithoutAnswer ? retryOf(snapshot, message, task.taskId) : null,
  };
}

export function toMessageView(snapshot: ChannelSnapshot, message: MessageRecord): MessageView {
  const deleted = isDeleted(message);
  return {
    id: message.id,
    threadId: message.threadId,
    forkId: message.forkId,
    kind: message.kind,
    summaryOfForkId: message.summaryOfForkId ?? null,
    author: plainActor(message.author),
    createdAt: message.createdAt,
    body: deleted ? "" : message.body.toString(),
    mentions: deleted ? [] : [...message.mentions],
    edited: message.editedAt !== undefined,
    editedAt: message.editedAt ?? null,
    deleted,
    deletedAt: message.deletedAt ?? null,
    deletedBy: message.deletedBy ? plainActor(message.deletedBy) : null,
    previewRemoved: message.previewRemoved === true,
    task: message.task ? taskView(snapshot, message, message.task) : null,
    reactions: reactionGroups(snapshot, message),
    pinned: !deleted && snapshot.pins.has(message.id),
    forks: forkMarkers(snapshot, message),
    attachments: deleted ? [] : (message.attachments ?? []).map(plainAttachment),
  };
}
