// The admins' usage report: the ledger's rows per agent, channel, day, provider and model with
// their cost at the price table's prices, totals per day and overall, and every agent's month so
// far against its budget.
import type { AgentMonthToDate, AgentUsageReport } from "@openvibe/schema";
import { listAgents } from "../accounts/agents.ts";
import type { AppContext } from "../context.ts";
import { getAgentConfig } from "./agent-config.ts";
import { priceLookup } from "./model-prices.ts";
import { tokensThisMonth, usageReport } from "./usage.ts";
import { priceRows, totalsOf, totalsPerDay } from "./usage-cost.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

function monthToDate(ctx: AppContext): AgentMonthToDate[] {
  return listAgents(ctx).map((agent) => {
    const usedThisMonth = tokensThisMonth(ctx, agent.id);
    const budget = getAgentConfig(ctx, agent.id).monthlyTokenBudget;
    return {
      agentId: agent.id,
      handle: agent.handle,
      usedThisMonth,
      monthlyTokenBudget: budget,
      remaining: budget === null ? null : Math.max(0, budget - usedThisMonth),
      exhausted: budget !== null && usedThisMonth >= budget,
    };
  });
}

/** The last `days` UTC days, today included. */
export function agentUsageReport(ctx: AppContext, days: number): AgentUsageReport {
  const today = Math.floor(ctx.now() / DAY_MS) * DAY_MS;
  const since = today - (days - 1) * DAY_MS;
  const rows = priceRows(usageReport(ctx, since), priceLookup(ctx));
  return {
    since: new Date(since).toISOString().slice(0, 10),
    days: rows,
    perDay: totalsPerDay(rows),
    totals: totalsOf(rows),
    monthToDate: monthToDate(ctx),
  };
}
