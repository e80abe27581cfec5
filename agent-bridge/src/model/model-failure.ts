// Turns what a provider's SDK threw into a ModelError whose message a person
// can read in the chat. Both official SDKs (Anthropic's and OpenAI's) have the
// same error shapes; each provider says which of its classes is which.
import { ModelError, type ModelErrorKind, type TokenUsage } from "./model-provider.ts";

/** What an SDK error was, as far as the person reading the reply is concerned. */
export type SdkFailure =
  | { kind: "timeout" }
  | { kind: "connection"; message: string }
  | { kind: "api"; status: number; detail: string }
  | null;

export function toModelError(
  error: unknown,
  failure: SdkFailure,
  call: { caller: AbortSignal; stalled: boolean; usage: TokenUsage },
): ModelError {
  const { usage } = call;
  if (call.stalled) {
    return new ModelError("stalled", "the model stopped sending data", { cause: error, usage });
  }
  if (call.caller.aborted) {
    return new ModelError("cancelled", "the reply was stopped", { cause: error, usage });
  }
  switch (failure?.kind) {
    case "timeout":
      return new ModelError("timeout", "the model API did not answer in time", {
        cause: error,
        usage,
      });
    case "connection":
      return new ModelError("connection", `cannot reach the model API: ${failure.message}`, {
        cause: error,
        usage,
      });
    case "api":
      return apiFailure(error, failure.status, failure.detail, usage);
    default:
      return new ModelError(
        "server_error",
        error instanceof Error ? error.message : String(error),
        { cause: error, usage },
      );
  }
}

const API_FAILURES: Record<
  Exclude<ModelErrorKind, "cancelled" | "stalled" | "timeout" | "connection">,
  string
> = {
  rate_limited: "The model API kept rate-limiting requests, even after waiting and retrying",
  overloaded: "The model API stayed overloaded, even after waiting and retrying",
  server_error: "The model API kept failing, even after retrying",
  authentication: "The model API refused the API key",
  invalid_request: "The model API refused the request",
};

/** A reason a person can read in the chat: what went wrong, with the API's own words. */
function apiFailure(error: unknown, status: number, detail: string, usage: TokenUsage): ModelError {
  const kind =
    status === 429
      ? "rate_limited"
      : status === 529
        ? "overloaded"
        : status === 401 || status === 403
          ? "authentication"
          : status >= 500 || status === 0
            ? "server_error"
            : "invalid_request";
  return new ModelError(kind, `${API_FAILURES[kind]} (HTTP ${status}: ${detail}).`, {
    cause: error,
    usage,
  });
}
