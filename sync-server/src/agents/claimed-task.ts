// What a bridge receives with a claimed task: the task, its agent's
// settings and budget, the channel, who asked, who may appear in the
// conversation, and the channel's pinned messages.
import type { ChannelPin, ClaimedTask, Participant } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import { getUser } from "../accounts/users.ts";
import { getChannel, listMembers } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { getAgentConfig, taskProvider } from "./agent-config.ts";
import { taskTools } from "./agent-tools.ts";
import type { SecretBox } from "./secret-box.ts";
import type { TaskRecord } from "./tasks.ts";
import { tokensThisMonth } from "./usage.ts";

export function participant(user: UserRecord): Participant {
  return { id: user.id, handle: user.handle, displayName: user.displayName, kind: user.kind };
}

/** The author with this id as a participant; one no longer known is named by its id. */
export function authorParticipant(ctx: AppContext, authorId: string): Participant {
  const user = getUser(ctx, authorId);
  if (user !== undefined) return participant(user);
  return { id: authorId, handle: authorId, displayName: authorId, kind: "human" };
}

/**
 * `secrets` opens the agent's provider key and MCP header values: the one place they leave the
 * server. `documentName` is the one document its bridge opens, the server's decision
 * (./task-document.ts). `pinned`: the channel's pinned messages (./channel-pins.ts).
 */
export function toClaimedTask(
  ctx: AppContext,
  task: TaskRecord,
  secrets: SecretBox,
  documentName: string,
  pinned: ChannelPin[],
): ClaimedTask {
  const agent = getUser(ctx, task.agentId);
  const channel = getChannel(ctx, task.channelId);
  if (agent === undefined || channel === undefined) throw notFound("task's agent or channel");
  const requester = getUser(ctx, task.requestedBy);
  const config = getAgentConfig(ctx, agent.id);
  const usedThisMonth = tokensThisMonth(ctx, agent.id);
  return {
    id: task.id,
    kind: task.kind,
    channelId: task.channelId,
    documentName,
    threadId: task.threadId,
    forkId: task.forkId,
    triggerMessageId: task.triggerMessageId,
    replyMessageId: task.replyMessageId,
    replyAttempt: task.replyAttempt,
    attempt: task.attempts,
    leaseExpiresAt: new Date(task.leaseExpiresAt ?? ctx.now()).toISOString(),
    agent: { id: agent.id, handle: agent.handle, displayName: agent.displayName },
    config,
    provider: taskProvider(ctx, secrets, agent.id),
    tools: taskTools(ctx, secrets, agent.id),
    budget: {
      monthlyTokenBudget: config.monthlyTokenBudget,
      usedThisMonth,
      exhausted: config.monthlyTokenBudget !== null && usedThisMonth >= config.monthlyTokenBudget,
    },
    channel: { name: channel.name, topic: channel.topic },
    requester:
      requester === undefined
        ? {
            id: task.requestedBy,
            handle: task.requestedBy,
            displayName: task.requestedBy,
            kind: "human",
          }
        : participant(requester),
    participants: listMembers(ctx, agent, task.channelId).map(participant),
    pinned,
  };
}
