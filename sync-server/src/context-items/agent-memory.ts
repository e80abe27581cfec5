// Context items as an agent's task uses them (bridge keys only, while the bridge holds the task):
// the items in the task's scope for its prompt, read as the task's agent (its channel's items and
// the workspace's, never another channel's), and the agent's `remember` tool.
import { type ContextItemView, PROMPT_RECORD_LIMITS, type RememberRequest } from "@openvibe/schema";
import { requireUser } from "../accounts/users.ts";
import type { TaskRecord } from "../agents/tasks.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { invalidField, notFound } from "../errors.ts";
import { insertItem, itemsOfChannel, placeOf, toItemView } from "./context-items.ts";
import { canReadChannelItems, canReadWorkspaceItems, mayShareWithWorkspace } from "./visibility.ts";

/**
 * At most this many items go to a bridge (as many as a prompt record keeps); its prompt keeps
 * those that fit its budget.
 */
export const TASK_ITEMS_LIMIT = PROMPT_RECORD_LIMITS.contextItems;

/** The items of the task's channel and, if the agent reads them, the workspace's; newest first. */
export function itemsForTask(ctx: AppContext, task: TaskRecord): ContextItemView[] {
  const agent = requireUser(ctx, task.agentId);
  if (!canReadChannelItems(ctx, agent, task.channelId)) throw notFound("channel");
  return itemsOfChannel(ctx, task.channelId, canReadWorkspaceItems(agent))
    .slice(0, TASK_ITEMS_LIMIT)
    .map(({ row, author }) => toItemView(ctx, agent, row, author));
}

/** The agent's `remember`: an item by the agent, from this task, in the task's thread or channel. */
export function rememberForTask(
  ctx: AppContext,
  task: TaskRecord,
  request: RememberRequest,
): ContextItemView {
  return commitChange(ctx, () => {
    const agent = requireUser(ctx, task.agentId);
    if (request.scope === "workspace" && !mayShareWithWorkspace(ctx, task.channelId)) {
      throw invalidField("scope", "an agent in a private channel remembers for that channel only");
    }
    const row = insertItem(ctx, {
      kind: request.kind,
      text: request.text,
      ...placeOf(request.scope, task.channelId, task.threadId),
      source: "agent",
      sourceChannelId: task.channelId,
      sourceThreadId: task.threadId,
      sourceMessageForkId: task.forkId,
      sourceMessageId: task.triggerMessageId,
      sourceForkId: null,
      sourceTaskId: task.id,
      authorId: agent.id,
    });
    return toItemView(ctx, agent, row, agent);
  });
}
