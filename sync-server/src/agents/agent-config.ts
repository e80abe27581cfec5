// Each agent's model settings; an agent without a row uses the defaults.
import { type AgentConfig, agentConfig, type UpdateAgentConfigRequest } from "@openvibe/schema";
import { eq } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { agentConfigs } from "../db/schema.ts";

export const DEFAULT_AGENT_CONFIG: AgentConfig = {
  model: "claude-sonnet-5-5",
  systemPrompt:
    "You are a helpful teammate in a team chat. Answer the person who mentioned you, in Markdown, " +
    "briefly unless asked for detail. Use the conversation and the channel's pinned context.",
  maxOutputTokens: 1024,
  temperature: null,
  enabled: true,
  monthlyTokenBudget: null,
};

export function getAgentConfig(ctx: AppContext, agentId: string): AgentConfig {
  const row = ctx.db.select().from(agentConfigs).where(eq(agentConfigs.agentId, agentId)).get();
  if (row === undefined) return DEFAULT_AGENT_CONFIG;
  const { agentId: _agentId, updatedAt: _updatedAt, ...config } = row;
  return config;
}

export function updateAgentConfig(
  ctx: AppContext,
  actor: UserRecord,
  agentId: string,
  change: UpdateAgentConfigRequest,
): AgentConfig {
  const config = agentConfig.parse({ ...getAgentConfig(ctx, agentId), ...stripUndefined(change) });
  const row = { agentId, ...config, updatedAt: ctx.now() };
  ctx.db
    .insert(agentConfigs)
    .values(row)
    .onConflictDoUpdate({ target: agentConfigs.agentId, set: row })
    .run();
  recordAudit(ctx, {
    actorId: actor.id,
    action: "agent.configured",
    targetType: "user",
    targetId: agentId,
    details: { change },
  });
  return config;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
