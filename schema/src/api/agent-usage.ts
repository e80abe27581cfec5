// Token usage of agents as admins see it: per agent, channel, day, provider and model, with
// what it cost at the price table's prices, totals per day and overall, and each agent's month
// so far against its monthly budget.
import { z } from "zod";
import type { Money } from "./model-prices.ts";
import type { ModelProviderName } from "./model-providers.ts";

/** Query of GET /api/agents/usage: the last `days` UTC days, today included. */
export const agentUsageQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});

export interface AgentUsageDay {
  agentId: string;
  channelId: string;
  /** UTC day, YYYY-MM-DD (when the tasks finished). */
  day: string;
  /** The provider the tokens went through; null for tasks that called no model. */
  provider: ModelProviderName | null;
  /** The model the tasks reported; null when none did. */
  model: string | null;
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  /** At the price table's price for (provider, model); null when it has none. */
  cost: Money | null;
}

/** Sums of report rows. */
export interface UsageTotals {
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  /** What the priced rows cost, one sum per currency (by currency code). */
  cost: Money[];
  /** Tokens of rows without a price: not in `cost`. */
  unpricedInputTokens: number;
  unpricedOutputTokens: number;
}

export interface UsageDayTotals extends UsageTotals {
  day: string;
}

export interface AgentMonthToDate {
  agentId: string;
  handle: string;
  /** Input plus output tokens since the first of this month (UTC). */
  usedThisMonth: number;
  monthlyTokenBudget: number | null;
  /** null without a budget. */
  remaining: number | null;
  exhausted: boolean;
}

export interface AgentUsageReport {
  /** The first day counted, YYYY-MM-DD. */
  since: string;
  days: AgentUsageDay[];
  /** The rows summed per day, oldest first (days without tasks left out). */
  perDay: UsageDayTotals[];
  /** All rows summed. */
  totals: UsageTotals;
  monthToDate: AgentMonthToDate[];
}

export type AgentUsageQuery = z.infer<typeof agentUsageQuery>;
