// Token usage of agents as admins see it: per agent, channel, day and provider, and
// each agent's month so far against its monthly budget.
import { z } from "zod";
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
  tasks: number;
  inputTokens: number;
  outputTokens: number;
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
  monthToDate: AgentMonthToDate[];
}

export type AgentUsageQuery = z.infer<typeof agentUsageQuery>;
