// What the agent saw: each claim's prompt record, kept with the task. The bridge reports it once
// per claim, after recording its reply (the record belongs to that reply); people who can read
// the task's channel read it, without the related hits from channels they cannot read; exports
// carry it whole.
import type {
  PromptContent,
  PromptRecord,
  PromptRecordRequest,
  ReaderPromptRecord,
  TaskPromptView,
} from "@openvibe/schema";
import { asc, eq } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { channelFacts, getChannel, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { agentTaskPrompts, agentTasks } from "../db/schema.ts";
import { ApiError, notFound } from "../errors.ts";
import { canReadChannelContent } from "../permissions/permissions.ts";
import { getTask, requireClaim } from "./tasks.ts";

type PromptRow = typeof agentTaskPrompts.$inferSelect;

function toRecord(row: PromptRow): PromptRecord {
  // Written only by recordPrompt, from a validated request; records made before context items
  // existed have none.
  const content = row.content as PromptContent;
  return {
    attempt: row.attempt,
    replyMessageId: row.replyMessageId,
    recordedAt: new Date(row.recordedAt).toISOString(),
    ...content,
    contextItems: content.contextItems ?? [],
  };
}

/** Records the prompt of claim `attempt`, which must hold the task and have recorded its reply. */
export function recordPrompt(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  { attempt, ...content }: PromptRecordRequest,
): void {
  const task = requireClaim(ctx, taskId, claimer, attempt);
  if (task.replyMessageId === null || task.replyAttempt !== attempt) {
    throw new ApiError("conflict", "record the reply message of this claim first");
  }
  ctx.db
    .insert(agentTaskPrompts)
    .values({
      taskId,
      attempt,
      replyMessageId: task.replyMessageId,
      content,
      recordedAt: ctx.now(),
    })
    .onConflictDoNothing()
    .run();
}

/** Whether `user` may read the messages of channel `channelId`. */
function readsChannel(ctx: AppContext, user: UserRecord, channelId: string): boolean {
  const channel = getChannel(ctx, channelId);
  if (channel === undefined) return false;
  return canReadChannelContent(user, channelFacts(channel), isMember(ctx, channel.id, user.id));
}

/** The record as `user` may read it: related hits from channels they cannot read left out. */
function forReader(
  record: PromptRecord,
  reads: (channelId: string) => boolean,
): ReaderPromptRecord {
  const related = record.related.filter((hit) => reads(hit.channelId));
  return { ...record, related, relatedHidden: record.related.length - related.length };
}

/** The task's records for `user`; 404 unless they can read the task's channel. */
export function taskPromptsFor(ctx: AppContext, user: UserRecord, taskId: string): TaskPromptView {
  const task = getTask(ctx, taskId);
  const channel = task === undefined ? undefined : getChannel(ctx, task.channelId);
  if (task === undefined || channel === undefined || !readsChannel(ctx, user, channel.id)) {
    throw notFound("task");
  }
  const reads = (channelId: string) => readsChannel(ctx, user, channelId);
  const rows = ctx.db
    .select()
    .from(agentTaskPrompts)
    .where(eq(agentTaskPrompts.taskId, taskId))
    .orderBy(asc(agentTaskPrompts.attempt))
    .all();
  return {
    taskId,
    channelId: channel.id,
    records: rows.map((row) => forReader(toRecord(row), reads)),
  };
}

/** Every record of the channel's tasks, by task and attempt (for exports). */
export function channelPrompts(
  ctx: AppContext,
  channelId: string,
): (PromptRecord & { taskId: string })[] {
  return ctx.db
    .select({ prompt: agentTaskPrompts })
    .from(agentTaskPrompts)
    .innerJoin(agentTasks, eq(agentTasks.id, agentTaskPrompts.taskId))
    .where(eq(agentTasks.channelId, channelId))
    .orderBy(asc(agentTaskPrompts.taskId), asc(agentTaskPrompts.attempt))
    .all()
    .map(({ prompt }) => ({ taskId: prompt.taskId, ...toRecord(prompt) }));
}
