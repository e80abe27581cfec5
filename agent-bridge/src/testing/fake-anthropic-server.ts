// The Anthropic Messages API's streaming protocol (server-sent events with
// named events) for the scripted fake (./scripted-fake.ts).
import type { ServerResponse } from "node:http";
import {
  bearer,
  type FakeModelServer,
  type FakeProtocol,
  type FakeScenario,
  startScriptedFake,
} from "./scripted-fake.ts";

export type { FakeScenario, FakeToolCall, RecordedRequest } from "./scripted-fake.ts";
export type FakeAnthropicServer = FakeModelServer;

const ERROR_TYPES = {
  400: "invalid_request_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
} as const;

function sse(response: ServerResponse, type: string, data: Record<string, unknown>): void {
  response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

const anthropicProtocol: FakeProtocol = {
  path: "/v1/messages",
  basePath: "",
  record: (body, headers) => ({
    model: String(body.model ?? "claude-fake"),
    system: typeof body.system === "string" ? body.system : JSON.stringify(body.system ?? ""),
    messages: (body.messages as { role: string; content: string }[]) ?? [],
    maxTokens: Number(body.max_tokens ?? 0),
    apiKey: (headers["x-api-key"] as string | undefined) ?? bearer(headers),
    body,
  }),
  errorBody: (status) => ({
    type: "error",
    error: { type: ERROR_TYPES[status], message: `fake ${status}` },
  }),
  writer: (response, _request, { model, inputTokens }) => ({
    start() {
      sse(response, "message_start", {
        message: {
          id: `msg_fake_${Date.now()}`,
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: inputTokens, output_tokens: 1 },
        },
      });
      sse(response, "content_block_start", {
        index: 0,
        content_block: { type: "text", text: "" },
      });
      sse(response, "ping", {});
    },
    token(text) {
      sse(response, "content_block_delta", { index: 0, delta: { type: "text_delta", text } });
    },
    end(outputTokens, toolCalls) {
      sse(response, "content_block_stop", { index: 0 });
      for (const [offset, call] of toolCalls.entries()) {
        const index = offset + 1;
        sse(response, "content_block_start", {
          index,
          content_block: { type: "tool_use", id: call.id, name: call.name, input: {} },
        });
        // The input's JSON in two pieces, as the API streams it.
        const json = JSON.stringify(call.input);
        const half = Math.floor(json.length / 2);
        for (const partial_json of [json.slice(0, half), json.slice(half)]) {
          sse(response, "content_block_delta", {
            index,
            delta: { type: "input_json_delta", partial_json },
          });
        }
        sse(response, "content_block_stop", { index });
      }
      const stopReason = toolCalls.length > 0 ? "tool_use" : "end_turn";
      sse(response, "message_delta", {
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: { output_tokens: outputTokens },
      });
      sse(response, "message_stop", {});
    },
  }),
};

export function startFakeAnthropic(
  defaultScenario?: FakeScenario,
  listen?: { port?: number; host?: string },
): Promise<FakeAnthropicServer> {
  return startScriptedFake(anthropicProtocol, defaultScenario, listen);
}
