// The model call behind a small interface, so the bridge does not depend on
// one vendor's SDK and tests can swap the endpoint (never the code path).
import type { ModelProviderName } from "@openvibe/schema";

/** An image shown to the model with a message (base64 bytes). */
export interface ModelImage {
  mediaType: "image/png" | "image/jpeg" | "image/gif" | "image/webp";
  data: string;
}

export interface ModelMessage {
  role: "user" | "assistant";
  content: string;
  /** Images the message shows, before its text (attached files in the conversation). */
  images?: readonly ModelImage[];
}

/** A tool the model may call: its name, what it does, and its input's JSON Schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: { type: "object"; [key: string]: unknown };
}

/** A tool call the model asked for. */
export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

/** What came back from a call, as the model is told it. */
export interface ToolResult {
  callId: string;
  content: string;
  isError: boolean;
}

/** One round of tool use: what the model said and asked for, and what the calls returned. */
export interface ToolTurn {
  text: string;
  calls: ToolCall[];
  results: ToolResult[];
}

export interface ModelRequest {
  model: string;
  system: string;
  messages: ModelMessage[];
  maxTokens: number;
  temperature?: number;
  /** Tools the model may call (only for a provider that `supportsTools`). */
  tools?: ToolDefinition[];
  /** The tool rounds so far, after `messages`. */
  toolTurns?: ToolTurn[];
  /** "none": the model must answer without calling a tool (the reply's calls are used up). */
  toolChoice?: "none";
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ModelResult {
  /** The model that actually answered, as the API reports it. */
  model: string;
  usage: TokenUsage;
  /** e.g. "end_turn", "max_tokens", "tool_use". */
  stopReason: string | null;
  /** Tools the model asked to call before it goes on (stop reason "tool_use"). */
  toolCalls: ToolCall[];
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
  /** Whether requests may carry tools (the model may then ask to call them). */
  readonly supportsTools: boolean;
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
