// Which agent writes summaries in a channel: the workspace's default agent
// (settings.defaultAgentHandle), or else the channel's only enabled agent.
import { listAgents } from "../accounts/agents.ts";
import type { UserRecord } from "../accounts/principal.ts";
import { findUserByHandle } from "../accounts/users.ts";
import { type ChannelRecord, channelFacts, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { documentAccess } from "../permissions/permissions.ts";
import { getWorkspace } from "../workspace/workspace.ts";
import { getAgentConfig } from "./agent-config.ts";

/** An enabled agent that may write in the channel. */
export function canAnswerIn(ctx: AppContext, agent: UserRecord, channel: ChannelRecord): boolean {
  if (agent.kind !== "agent" || !getAgentConfig(ctx, agent.id).enabled) return false;
  const member = isMember(ctx, channel.id, agent.id);
  return documentAccess(agent, channelFacts(channel), member) === "write";
}

/** The agent for summaries in `channel`, or undefined when there is none (or no single one). */
export function summaryAgent(ctx: AppContext, channel: ChannelRecord): UserRecord | undefined {
  const handle = getWorkspace(ctx).settings.defaultAgentHandle;
  if (handle !== null) {
    const agent = findUserByHandle(ctx, handle);
    return agent !== undefined && canAnswerIn(ctx, agent, channel) ? agent : undefined;
  }
  const candidates = listAgents(ctx).filter((agent) => canAnswerIn(ctx, agent, channel));
  return candidates.length === 1 ? candidates[0] : undefined;
}
