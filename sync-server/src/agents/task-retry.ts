// Retry of a failed or cancelled agent task, by anyone who may write in its
// channel (the Retry action under a failed reply). Others get 404 when they
// cannot open the channel at all, so a task id reveals nothing.
import type { UserRecord } from "../accounts/principal.ts";
import { channelFacts, getChannel, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { documentAccess } from "../permissions/permissions.ts";
import type { TaskQueueSignal } from "./task-queue.ts";
import { getTask, retryTask, type TaskRecord } from "./tasks.ts";

export function retryTaskAs(
  ctx: AppContext,
  queue: TaskQueueSignal,
  user: UserRecord,
  taskId: string,
): TaskRecord {
  const task = getTask(ctx, taskId);
  const channel = task === undefined ? undefined : getChannel(ctx, task.channelId);
  if (task === undefined || channel === undefined) throw notFound("task");
  const access = documentAccess(user, channelFacts(channel), isMember(ctx, channel.id, user.id));
  if (access === "none") throw notFound("task");
  if (access !== "write") throw new ApiError("forbidden", "you cannot write in this channel");
  return retryTask(ctx, queue, taskId);
}
