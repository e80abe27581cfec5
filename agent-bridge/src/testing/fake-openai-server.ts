// OpenAI's Chat Completions streaming protocol (`data:` chunks, a usage chunk
// when the request asks for it with stream_options.include_usage, then
// `data: [DONE]`) for the scripted fake (./scripted-fake.ts): stands in for
// OpenAI, llama.cpp, Ollama or vLLM. Its URL is the base URL (…/v1).
import type { ServerResponse } from "node:http";
import {
  bearer,
  type FakeModelServer,
  type FakeProtocol,
  type FakeScenario,
  startScriptedFake,
} from "./scripted-fake.ts";

export type FakeOpenAIServer = FakeModelServer;

const ERROR_TYPES = {
  400: "invalid_request_error",
  429: "rate_limit_exceeded",
  500: "server_error",
  529: "overloaded",
} as const;

function data(response: ServerResponse, chunk: unknown): void {
  response.write(`data: ${typeof chunk === "string" ? chunk : JSON.stringify(chunk)}\n\n`);
}

const openAiProtocol: FakeProtocol = {
  path: "/v1/chat/completions",
  basePath: "/v1",
  record: (body, headers) => {
    const all = (body.messages as { role: string; content: string }[]) ?? [];
    return {
      model: String(body.model ?? "gpt-fake"),
      system: all.find((m) => m.role === "system")?.content ?? "",
      messages: all.filter((m) => m.role !== "system"),
      maxTokens: Number(body.max_tokens ?? body.max_completion_tokens ?? 0),
      apiKey: bearer(headers),
      body,
    };
  },
  errorBody: (status) => ({
    error: { message: `fake ${status}`, type: ERROR_TYPES[status], param: null, code: null },
  }),
  writer: (response, request, { model, inputTokens }) => {
    const id = `chatcmpl-fake-${Date.now()}`;
    const created = Math.floor(Date.now() / 1000);
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      data(response, { id, object: "chat.completion.chunk", created, model, choices, ...extra });
    const options = request.body.stream_options as { include_usage?: boolean } | undefined;
    return {
      start: () =>
        chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
      token: (content) => chunk([{ index: 0, delta: { content }, finish_reason: null }]),
      end(outputTokens, toolCalls) {
        toolCalls.forEach((call, index) => {
          // The name and id first, then the arguments' JSON in two pieces, as the API streams them.
          const json = JSON.stringify(call.input);
          const half = Math.floor(json.length / 2);
          const pieces = [
            { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } },
            { index, function: { arguments: json.slice(0, half) } },
            { index, function: { arguments: json.slice(half) } },
          ];
          for (const piece of pieces) {
            chunk([{ index: 0, delta: { tool_calls: [piece] }, finish_reason: null }]);
          }
        });
        const finish = toolCalls.length > 0 ? "tool_calls" : "stop";
        chunk([{ index: 0, delta: {}, finish_reason: finish }]);
        if (options?.include_usage === true) {
          const usage = {
            prompt_tokens: inputTokens,
            completion_tokens: outputTokens,
            total_tokens: inputTokens + outputTokens,
          };
          chunk([], { usage });
        }
        data(response, "[DONE]");
      },
    };
  },
};

export function startFakeOpenAI(
  defaultScenario?: FakeScenario,
  listen?: { port?: number; host?: string },
): Promise<FakeOpenAIServer> {
  return startScriptedFake(openAiProtocol, defaultScenario, listen);
}
