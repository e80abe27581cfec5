// The second provider: OpenAI's Chat Completions, streamed, through the
// official `openai` SDK, for any endpoint that speaks it (OpenAI, llama.cpp,
// Ollama, vLLM, other vendors). Like the Anthropic SDK, it retries 429 and
// 5xx answers itself (exponential backoff with jitter, honouring retry-after);
// usage comes in the stream's last chunk (stream_options.include_usage).
import OpenAI from "openai";
import type { SdkFailure } from "./model-failure.ts";
import type {
  GenerateOptions,
  ModelProvider,
  ModelRequest,
  ModelResult,
} from "./model-provider.ts";
import { openAiMessages, openAiTools, ToolCallCollector } from "./openai-tool-turns.ts";
import { type CallLimits, callLimits, streamedCall } from "./streamed-call.ts";

export interface OpenAICompatibleProviderOptions extends CallLimits {
  /** The endpoint, up to the part before /chat/completions (e.g. http://127.0.0.1:11434/v1). */
  baseURL: string;
  /** Null: the endpoint takes none (a local server); no Authorization header is sent. */
  apiKey: string | null;
}

export class OpenAICompatibleProvider implements ModelProvider {
  readonly name = "openai-compatible";
  readonly provider = "openai-compatible";
  readonly supportsTools = true;
  private readonly client: OpenAI;
  private readonly idleTimeoutMs: number;

  constructor(options: OpenAICompatibleProviderOptions) {
    const limits = callLimits(options);
    // Everything is given, so nothing is read from OPENAI_* variables of the bridge's environment.
    this.client = new OpenAI({
      baseURL: options.baseURL,
      apiKey: options.apiKey ?? "none",
      ...(options.apiKey === null ? { defaultHeaders: { Authorization: null } } : {}),
      organization: null,
      project: null,
      ...limits.sdk,
      logLevel: "off",
    });
    this.idleTimeoutMs = limits.idleTimeoutMs;
  }

  generate(request: ModelRequest, { signal, onText }: GenerateOptions): Promise<ModelResult> {
    const options = { signal, idleTimeoutMs: this.idleTimeoutMs, classify };
    return streamedCall(request, options, async (call) => {
      const stream = await this.client.chat.completions.create(
        {
          model: request.model,
          messages: openAiMessages(request),
          ...openAiTools(request),
          max_tokens: request.maxTokens,
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal: call.signal },
      );
      const { result } = call;
      const toolCalls = new ToolCallCollector();
      for await (const chunk of stream) {
        call.touch();
        if (chunk.model) result.model = chunk.model;
        const choice = chunk.choices[0];
        const text = choice?.delta.content;
        if (text) {
          onText(text);
          call.countDelta();
        }
        toolCalls.add(choice?.delta.tool_calls);
        if (choice?.finish_reason) result.stopReason = choice.finish_reason;
        if (chunk.usage) {
          result.usage.inputTokens = chunk.usage.prompt_tokens;
          result.usage.outputTokens = chunk.usage.completion_tokens;
        }
      }
      result.toolCalls = toolCalls.calls;
    });
  }
}

/** Which of the SDK's error classes `error` is. */
function classify(error: unknown): SdkFailure {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { kind: "timeout" };
  if (error instanceof OpenAI.APIConnectionError) {
    return { kind: "connection", message: error.message };
  }
  if (error instanceof OpenAI.APIError) {
    const body = error.error as { message?: unknown } | undefined;
    const detail = typeof body?.message === "string" ? body.message : error.message;
    return { kind: "api", status: error.status ?? 0, detail };
  }
  return null;
}
