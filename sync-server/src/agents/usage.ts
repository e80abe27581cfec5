// Token usage from the task ledger: per agent for budgets, and a report per
// agent, channel, day and provider for admins.
import type { AgentUsageDay } from "@openvibe/schema";
import { and, eq, gte, sql } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { agentTasks } from "../db/schema.ts";

export function startOfUtcMonth(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Input plus output tokens the agent used this calendar month (UTC). */
export function tokensThisMonth(ctx: AppContext, agentId: string): number {
  const row = ctx.db
    .select({
      total: sql<number>`coalesce(sum(${agentTasks.inputTokens} + ${agentTasks.outputTokens}), 0)`,
    })
    .from(agentTasks)
    .where(
      and(eq(agentTasks.agentId, agentId), gte(agentTasks.finishedAt, startOfUtcMonth(ctx.now()))),
    )
    .get();
  return row?.total ?? 0;
}

export function usageReport(ctx: AppContext, sinceMs: number): AgentUsageDay[] {
  const day = sql<string>`strftime('%Y-%m-%d', ${agentTasks.finishedAt} / 1000, 'unixepoch')`;
  return ctx.db
    .select({
      agentId: agentTasks.agentId,
      channelId: agentTasks.channelId,
      day,
      provider: agentTasks.provider,
      tasks: sql<number>`count(*)`,
      inputTokens: sql<number>`sum(${agentTasks.inputTokens})`,
      outputTokens: sql<number>`sum(${agentTasks.outputTokens})`,
    })
    .from(agentTasks)
    .where(gte(agentTasks.finishedAt, sinceMs))
    .groupBy(agentTasks.agentId, agentTasks.channelId, day, agentTasks.provider)
    .orderBy(day, agentTasks.agentId, agentTasks.channelId, agentTasks.provider)
    .all();
}
