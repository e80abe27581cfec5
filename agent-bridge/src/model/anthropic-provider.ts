// The default provider: the official Anthropic SDK's streaming Messages API.
// The SDK retries 429, 529 and 5xx answers itself, with exponential backoff,
// jitter and the server's retry-after; ./streamed-call.ts adds a stall
// detector and turns the SDK's errors into ModelErrors.
import Anthropic from "@anthropic-ai/sdk";
import { anthropicMessages, anthropicTools, ToolUseCollector } from "./anthropic-tool-turns.ts";
import type { SdkFailure } from "./model-failure.ts";
import type {
  GenerateOptions,
  ModelProvider,
  ModelRequest,
  ModelResult,
} from "./model-provider.ts";
import { type CallLimits, callLimits, streamedCall } from "./streamed-call.ts";

export interface AnthropicProviderOptions extends CallLimits {
  apiKey: string;
  /** Another endpoint speaking the same protocol (tests use a local fake). */
  baseURL?: string;
}

export class AnthropicProvider implements ModelProvider {
  readonly name = "anthropic";
  readonly provider = "anthropic";
  readonly supportsTools = true;
  private readonly client: Anthropic;
  private readonly idleTimeoutMs: number;

  constructor(options: AnthropicProviderOptions) {
    const limits = callLimits(options);
    this.client = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
      ...limits.sdk,
    });
    this.idleTimeoutMs = limits.idleTimeoutMs;
  }

  generate(request: ModelRequest, { signal, onText }: GenerateOptions): Promise<ModelResult> {
    const options = { signal, idleTimeoutMs: this.idleTimeoutMs, classify };
    return streamedCall(request, options, async (call) => {
      const stream = await this.client.messages.create(
        {
          model: request.model,
          system: request.system,
          messages: anthropicMessages(request),
          ...anthropicTools(request),
          max_tokens: request.maxTokens,
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          stream: true,
        },
        { signal: call.signal },
      );
      const { result } = call;
      const toolUses = new ToolUseCollector();
      for await (const event of stream) {
        call.touch();
        switch (event.type) {
          case "message_start":
            result.model = event.message.model;
            result.usage.inputTokens = event.message.usage.input_tokens;
            result.usage.outputTokens = event.message.usage.output_tokens;
            break;
          case "content_block_start":
            toolUses.start(event.index, event.content_block);
            break;
          case "content_block_delta":
            if (event.delta.type === "text_delta") {
              onText(event.delta.text);
              call.countDelta();
            } else if (event.delta.type === "input_json_delta") {
              toolUses.delta(event.index, event.delta.partial_json);
            }
            break;
          case "content_block_stop":
            toolUses.stop(event.index);
            break;
          case "message_delta":
            result.usage.outputTokens = event.usage.output_tokens;
            result.stopReason = event.delta.stop_reason;
            break;
          default:
            break;
        }
      }
      result.toolCalls = toolUses.calls;
    });
  }
}

/** Which of the SDK's error classes `error` is. */
function classify(error: unknown): SdkFailure {
  if (error instanceof Anthropic.APIConnectionTimeoutError) return { kind: "timeout" };
  if (error instanceof Anthropic.APIConnectionError) {
    return { kind: "connection", message: error.message };
  }
  if (error instanceof Anthropic.APIError) {
    return { kind: "api", status: error.status ?? 0, detail: error.apiMessage ?? error.message };
  }
  return null;
}
