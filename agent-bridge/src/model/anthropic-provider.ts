// The default provider: the official Anthropic SDK's streaming Messages API.
// The SDK retries 429, 529 and 5xx answers itself, with exponential backoff,
// jitter and the server's retry-after; this class adds a stall detector and
// turns the SDK's errors into ModelErrors.
import Anthropic from "@anthropic-ai/sdk";
import { idleTimeout } from "./idle-timeout.ts";
import {
  type GenerateOptions,
  ModelError,
  type ModelErrorKind,
  type ModelProvider,
  type ModelRequest,
  type ModelResult,
  type TokenUsage,
} from "./model-provider.ts";

export interface AnthropicProviderOptions {
  apiKey: string;
  /** Another endpoint speaking the same protocol (tests use a local fake). */
  baseURL?: string;
  /** Retries of a refused or failed request before any text arrived. */
  maxRetries?: number;
  /** Longest wait for the whole request. */
  timeoutMs?: number;
  /** Longest silence inside a stream before it counts as stalled. */
  idleTimeoutMs?: number;
}

export class AnthropicProvider implements ModelProvider {
  readonly name = "anthropic";
  private readonly client: Anthropic;
  private readonly idleTimeoutMs: number;

  constructor(options: AnthropicProviderOptions) {
    this.client = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
      maxRetries: options.maxRetries ?? 4,
      timeout: options.timeoutMs ?? 10 * 60 * 1000,
    });
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  }

  async generate(request: ModelRequest, { signal, onText }: GenerateOptions): Promise<ModelResult> {
    const idle = idleTimeout(signal, this.idleTimeoutMs);
    const result: ModelResult = {
      model: request.model,
      usage: { inputTokens: 0, outputTokens: 0 },
      stopReason: null,
    };
    let deltas = 0;
    try {
      const stream = await this.client.messages.create(
        {
          model: request.model,
          system: request.system,
          messages: request.messages,
          max_tokens: request.maxTokens,
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          stream: true,
        },
        { signal: idle.signal },
      );
      for await (const event of stream) {
        idle.touch();
        switch (event.type) {
          case "message_start":
            result.model = event.message.model;
            result.usage.inputTokens = event.message.usage.input_tokens;
            result.usage.outputTokens = event.message.usage.output_tokens;
            break;
          case "content_block_delta":
            if (event.delta.type === "text_delta") {
              onText(event.delta.text);
              // The API reports output tokens only at the end: until then, at least one a delta.
              deltas += 1;
              result.usage.outputTokens = Math.max(result.usage.outputTokens, deltas);
            }
            break;
          case "message_delta":
            result.usage.outputTokens = event.usage.output_tokens;
            result.stopReason = event.delta.stop_reason;
            break;
          default:
            break;
        }
      }
      // An aborted stream can end quietly instead of throwing.
      if (idle.signal.aborted) throw idle.signal.reason;
      return result;
    } catch (error) {
      throw toModelError(error, signal, idle.stalled(), result.usage);
    } finally {
      idle.dispose();
    }
  }
}

function toModelError(
  error: unknown,
  caller: AbortSignal,
  stalled: boolean,
  usage: TokenUsage,
): ModelError {
  if (stalled)
    return new ModelError("stalled", "the model stopped sending data", { cause: error, usage });
  if (caller.aborted)
    return new ModelError("cancelled", "the reply was stopped", { cause: error, usage });
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new ModelError("timeout", "the model API did not answer in time", {
      cause: error,
      usage,
    });
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new ModelError("connection", `cannot reach the model API: ${error.message}`, {
      cause: error,
      usage,
    });
  }
  if (error instanceof Anthropic.APIError) return apiFailure(error, usage);
  return new ModelError("server_error", error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}

const API_FAILURES: Record<
  Exclude<ModelErrorKind, "cancelled" | "stalled" | "timeout" | "connection">,
  string
> = {
  rate_limited: "The model API kept rate-limiting requests, even after waiting and retrying",
  overloaded: "The model API stayed overloaded, even after waiting and retrying",
  server_error: "The model API kept failing, even after retrying",
  authentication: "The model API refused the bridge's API key",
  invalid_request: "The model API refused the request",
};

/** A reason a person can read in the chat: what went wrong, with the API's own words. */
function apiFailure(error: InstanceType<typeof Anthropic.APIError>, usage: TokenUsage): ModelError {
  const status = error.status ?? 0;
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
  const detail = error.apiMessage ?? error.message;
  return new ModelError(kind, `${API_FAILURES[kind]} (HTTP ${status}: ${detail}).`, {
    cause: error,
    usage,
  });
}
