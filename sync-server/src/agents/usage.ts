// Token usage from the task ledger: per agent for budgets, and a report per
// agent, channel, day, provider and model for admins.
import { and, eq, gte, sql } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { agentTasks } from "../db/schema.ts";
import type { UnpricedUsageDay } from "./usage-cost.ts";

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

/** Per agent, channel, day, provider and model since `sinceMs`, oldest day first. */
export function usageReport(ctx: AppContext, sinceMs: number): UnpricedUsageDay[] {
  const day = sql<string>`strftime('%Y-%m-%d', ${agentTasks.finishedAt} / 1000, 'unixepoch')`;
  return ctx.db
    .select({
      agentId: agentTasks.agentId,
      channelId: agentTasks.channelId,
      day,
      provider: agentTasks.provider,
      model: agentTasks.model,
      tasks: sql<number>`count(*)`,
      inputTokens: sql<number>`sum(${agentTasks.inputTokens})`,
      outputTokens: sql<number>`sum(${agentTasks.outputTokens})`,
    })
    .from(agentTasks)
    .where(gte(agentTasks.finishedAt, sinceMs))
    .groupBy(agentTasks.agentId, agentTasks.channelId, day, agentTasks.provider, agentTasks.model)
    .orderBy(day, agentTasks.agentId, agentTasks.channelId, agentTasks.provider, agentTasks.model)
    .all();
}
