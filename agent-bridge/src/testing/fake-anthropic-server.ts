// A local HTTP server that speaks the Anthropic Messages API's streaming
// protocol (server-sent events) so the real SDK code path runs in tests and
// demos. Each request takes the next scripted scenario (or the default):
// a streamed reply, an error status (429 with retry-after, 529, 500), or a
// stream that stalls after some tokens.
import { EventEmitter, once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeScenario =
  | {
      kind: "reply";
      tokens: string[];
      tokenDelayMs?: number;
      inputTokens?: number;
      model?: string;
      /** Sends this many tokens, then waits for `resume()` before sending the rest. */
      pauseAfter?: number;
    }
  | { kind: "error"; status: 429 | 500 | 529; retryAfterSeconds?: number }
  /** Sends these tokens, then keeps the connection open and silent. */
  | { kind: "stall"; tokens: string[] };

export interface RecordedRequest {
  model: string;
  system: string;
  messages: { role: string; content: string }[];
  maxTokens: number;
  apiKey: string | undefined;
}

export interface FakeAnthropicServer {
  /** Base URL for the SDK's `baseURL`. */
  url: string;
  requests: RecordedRequest[];
  /** Scenarios for the next requests, in order. */
  enqueue(...scenarios: FakeScenario[]): void;
  setDefault(scenario: FakeScenario): void;
  /** Streams waiting at their `pauseAfter` point. */
  readonly pausedCount: number;
  /** Lets every paused stream go on. */
  resume(): void;
  /** "paused" whenever a stream reaches its pause, for waiting on. */
  readonly events: EventEmitter;
  close(): Promise<void>;
}

const ERROR_TYPES = { 429: "rate_limit_error", 500: "api_error", 529: "overloaded_error" } as const;

function sse(response: ServerResponse, type: string, data: Record<string, unknown>): void {
  response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function streamReply(
  response: ServerResponse,
  model: string,
  tokens: readonly string[],
  options: {
    tokenDelayMs: number;
    inputTokens: number;
    stall: boolean;
    pauseAfter: number | null;
    pause: () => Promise<void>;
  },
): Promise<void> {
  response.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  sse(response, "message_start", {
    message: {
      id: `msg_fake_${Date.now()}`,
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: options.inputTokens, output_tokens: 1 },
    },
  });
  sse(response, "content_block_start", { index: 0, content_block: { type: "text", text: "" } });
  sse(response, "ping", {});
  for (const [index, token] of tokens.entries()) {
    if (index === options.pauseAfter) await options.pause();
    if (response.destroyed) return;
    sse(response, "content_block_delta", { index: 0, delta: { type: "text_delta", text: token } });
    if (options.tokenDelayMs > 0) await delay(options.tokenDelayMs);
  }
  if (options.stall) return; // keep the connection open, silent, until the client gives up
  sse(response, "content_block_stop", { index: 0 });
  sse(response, "message_delta", {
    delta: { stop_reason: "end_turn", stop_sequence: null },
    usage: { output_tokens: tokens.length },
  });
  sse(response, "message_stop", {});
  response.end();
}

export async function startFakeAnthropic(
  defaultScenario: FakeScenario = {
    kind: "reply",
    tokens: ["Hello", " from", " the", " fake", " model."],
  },
  { port = 0, host = "127.0.0.1" }: { port?: number; host?: string } = {},
): Promise<FakeAnthropicServer> {
  const queue: FakeScenario[] = [];
  const requests: RecordedRequest[] = [];
  let fallback = defaultScenario;
  const events = new EventEmitter();
  let paused: (() => void)[] = [];
  const pause = () =>
    new Promise<void>((resolve) => {
      paused.push(resolve);
      events.emit("paused");
    });

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== "POST" || !request.url?.startsWith("/v1/messages")) {
      response.writeHead(404, { "Content-Type": "application/json" });
      response.end(
        JSON.stringify({ type: "error", error: { type: "not_found_error", message: "not found" } }),
      );
      return;
    }
    const body = await readJson(request);
    const model = String(body.model ?? "claude-fake");
    requests.push({
      model,
      system: typeof body.system === "string" ? body.system : JSON.stringify(body.system ?? ""),
      messages: (body.messages as RecordedRequest["messages"]) ?? [],
      maxTokens: Number(body.max_tokens ?? 0),
      apiKey:
        (request.headers["x-api-key"] as string | undefined) ??
        request.headers.authorization?.replace(/^Bearer\s+/i, ""),
    });
    const scenario = queue.shift() ?? fallback;
    if (scenario.kind === "error") {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (scenario.retryAfterSeconds !== undefined)
        headers["retry-after"] = String(scenario.retryAfterSeconds);
      response.writeHead(scenario.status, headers);
      response.end(
        JSON.stringify({
          type: "error",
          error: { type: ERROR_TYPES[scenario.status], message: `fake ${scenario.status}` },
        }),
      );
      return;
    }
    await streamReply(
      response,
      scenario.kind === "reply" ? (scenario.model ?? model) : model,
      scenario.tokens,
      {
        tokenDelayMs: scenario.kind === "reply" ? (scenario.tokenDelayMs ?? 0) : 0,
        inputTokens: scenario.kind === "reply" ? (scenario.inputTokens ?? 42) : 42,
        stall: scenario.kind === "stall",
        pauseAfter: scenario.kind === "reply" ? (scenario.pauseAfter ?? null) : null,
        pause,
      },
    );
  }

  server.listen(port, host);
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    requests,
    enqueue: (...scenarios) => queue.push(...scenarios),
    setDefault: (scenario) => {
      fallback = scenario;
    },
    get pausedCount() {
      return paused.length;
    },
    resume: () => {
      const waiting = paused;
      paused = [];
      for (const go of waiting) go();
    },
    events,
    close: async () => {
      for (const go of paused) go();
      paused = [];
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
