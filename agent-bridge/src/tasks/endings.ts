// How a task ends, as the bridge reports it to the server's ledger and
// records it on the reply message.
import type {
  FinalTaskStatus,
  FinishTaskRequest,
  MessageView,
  ModelProviderName,
} from "@openvibe/schema";
import type { ModelResult, TokenUsage } from "../model/model-provider.ts";

export interface Ending {
  status: FinalTaskStatus;
  model: string | null;
  /** What the model reported for the call behind this reply (zero when none was made). */
  inputTokens: number;
  outputTokens: number;
  /** The provider those tokens went through (null: no model was called, or not known). */
  provider: ModelProviderName | null;
  stopReason: string | null;
  error: string | null;
}

export { INTERRUPTED_ERROR } from "@openvibe/schema";
export const BUDGET_REPLY =
  "My monthly token budget is spent, so I cannot answer until next month. An admin can raise the budget.";

const NO_USAGE = { inputTokens: 0, outputTokens: 0 } as const;

export function completed(result: ModelResult): Ending {
  return {
    status: "completed",
    model: result.model,
    ...result.usage,
    provider: null,
    stopReason: result.stopReason,
    error: null,
  };
}

export function budgetSpent(): Ending {
  return {
    status: "completed",
    model: null,
    ...NO_USAGE,
    provider: null,
    stopReason: "budget_exhausted",
    error: null,
  };
}

/** `usage`: what the model consumed before the reply was stopped (budgets count it). */
export function cancelled(model: string, usage: TokenUsage = NO_USAGE): Ending {
  return {
    status: "cancelled",
    model,
    ...usage,
    provider: null,
    stopReason: "stopped_by_user",
    error: null,
  };
}

export function failed(
  error: string,
  model: string | null = null,
  usage: TokenUsage = NO_USAGE,
): Ending {
  return { status: "failed", model, ...usage, provider: null, stopReason: null, error };
}

/** A readable reason for any thrown value. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The ending a finished reply message already records (a previous bridge finished it). The
 * document does not say which provider its tokens went through: `provider`, the agent's now.
 */
export function endingOf(message: MessageView, provider: ModelProviderName): Ending | null {
  const task = message.task;
  if (task === null || task.status === "running" || task.status === "queued") return null;
  const inputTokens = task.usage?.inputTokens ?? 0;
  const outputTokens = task.usage?.outputTokens ?? 0;
  return {
    status: task.status,
    model: task.model,
    inputTokens,
    outputTokens,
    provider: inputTokens + outputTokens > 0 ? provider : null,
    stopReason: task.stopReason,
    error: task.error,
  };
}

/**
 * The finish request for `ending`. `usageAttempt`: the claim whose model call the ending's
 * tokens are (this claim's own, or an earlier claim's whose finished reply this one found);
 * null when they are not known here (the claim that consumed them reports them itself).
 */
export function finishRequest(
  ending: Ending,
  usageAttempt: number | null,
): Omit<FinishTaskRequest, "attempt"> {
  const { inputTokens, outputTokens, provider, ...rest } = ending;
  return {
    ...rest,
    usage:
      usageAttempt === null
        ? null
        : { attempt: usageAttempt, model: ending.model, provider, inputTokens, outputTokens },
  };
}
