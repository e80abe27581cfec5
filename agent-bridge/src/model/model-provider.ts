// The model call behind a small interface, so the bridge does not depend on
// one vendor's SDK and tests can swap the endpoint (never the code path).
import type { ModelProviderName } from "@openvibe/schema";

export interface ModelMessage {
  role: "user" | "assistant";
  content: string;
}

export interface ModelRequest {
  model: string;
  system: string;
  messages: ModelMessage[];
  maxTokens: number;
  temperature?: number;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ModelResult {
  /** The model that actually answered, as the API reports it. */
  model: string;
  usage: TokenUsage;
  /** e.g. "end_turn", "max_tokens". */
  stopReason: string | null;
}

export interface GenerateOptions {
  signal: AbortSignal;
  /** Called with each piece of text as it arrives. */
  onText(text: string): void;
}

export interface ModelProvider {
  readonly name: string;
  /** The provider its calls' tokens are recorded under; null when it calls no model. */
  readonly provider: ModelProviderName | null;
  /** Streams a reply; rejects with a ModelError (cancelled, timed out, API failure). */
  generate(request: ModelRequest, options: GenerateOptions): Promise<ModelResult>;
}

export const MODEL_ERROR_KINDS = [
  "cancelled",
  "stalled",
  "timeout",
  "rate_limited",
  "overloaded",
  "server_error",
  "invalid_request",
  "authentication",
  "connection",
] as const;

export type ModelErrorKind = (typeof MODEL_ERROR_KINDS)[number];

export class ModelError extends Error {
  readonly kind: ModelErrorKind;
  /** What the call consumed before it ended (budgets count stopped and failed replies too). */
  readonly usage: TokenUsage;
  constructor(
    kind: ModelErrorKind,
    message: string,
    options?: { cause?: unknown; usage?: TokenUsage },
  ) {
    super(message, options);
    this.name = "ModelError";
    this.kind = kind;
    this.usage = options?.usage ?? { inputTokens: 0, outputTokens: 0 };
  }
}
