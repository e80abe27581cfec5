// A local HTTP server that plays a model API's streaming protocol from a
// script, so the real SDK code path runs in tests and demos. Each request
// takes the next queued scenario (or the default): a streamed reply, an error
// status (429 with retry-after, 500, 529), or a stream that stalls after some
// tokens. A protocol (fake-anthropic-server.ts, fake-openai-server.ts) says
// where requests go and how each part of the answer is written.
import { EventEmitter, once } from "node:events";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export type FakeScenario =
  | {
      kind: "reply";
      tokens: string[];
      tokenDelayMs?: number;
      inputTokens?: number;
      model?: string;
      /** Sends this many tokens (at each of these counts), then waits for `resume()` to go on. */
      pauseAfter?: number | readonly number[];
      /** Ends by asking for these tool calls (stop reason "tool_use") instead of ending the turn. */
      toolCalls?: FakeToolCall[];
    }
  | { kind: "error"; status: 400 | 429 | 500 | 529; retryAfterSeconds?: number }
  /** Sends these tokens, then keeps the connection open and silent. */
  | { kind: "stall"; tokens: string[] };

export interface FakeToolCall {
  id: string;
  name: string;
  input: unknown;
}

export type ErrorStatus = Extract<FakeScenario, { kind: "error" }>["status"];

export interface RecordedRequest {
  model: string;
  system: string;
  messages: { role: string; content: string }[];
  maxTokens: number;
  /** The key the request carried; undefined when it sent none. */
  apiKey: string | undefined;
  /** The whole request body, for what is particular to one protocol. */
  body: Record<string, unknown>;
  /** When it arrived (performance.now()). */
  receivedAt: number;
}

export interface FakeModelServer {
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

/** How one protocol's streamed answer is written, part by part. */
export interface StreamWriter {
  start(): void;
  token(text: string): void;
  /** `toolCalls`: the tool calls the turn ends with (a protocol that has none ignores them). */
  end(outputTokens: number, toolCalls: FakeToolCall[]): void;
}

export interface FakeProtocol {
  /** The request path the SDK posts to, e.g. "/v1/messages". */
  path: string;
  /** Added to the server's URL to make the SDK's base URL, e.g. "/v1". */
  basePath: string;
  record(
    body: Record<string, unknown>,
    headers: IncomingHttpHeaders,
  ): Omit<RecordedRequest, "receivedAt">;
  errorBody(status: ErrorStatus): unknown;
  writer(
    response: ServerResponse,
    request: RecordedRequest,
    answer: { model: string; inputTokens: number },
  ): StreamWriter;
}

/** The bearer token of a request, if any. */
export function bearer(headers: IncomingHttpHeaders): string | undefined {
  return headers.authorization?.replace(/^Bearer\s+/i, "");
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startScriptedFake(
  protocol: FakeProtocol,
  defaultScenario: FakeScenario = {
    kind: "reply",
    tokens: ["Hello", " from", " the", " fake", " model."],
  },
  { port = 0, host = "127.0.0.1" }: { port?: number; host?: string } = {},
): Promise<FakeModelServer> {
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
    if (request.method !== "POST" || request.url?.split("?")[0] !== protocol.path) {
      response.writeHead(404, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: { type: "not_found_error", message: "not found" } }));
      return;
    }
    const receivedAt = performance.now();
    const recorded = { ...protocol.record(await readJson(request), request.headers), receivedAt };
    requests.push(recorded);
    const scenario = queue.shift() ?? fallback;
    if (scenario.kind === "error") {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (scenario.retryAfterSeconds !== undefined)
        headers["retry-after"] = String(scenario.retryAfterSeconds);
      response.writeHead(scenario.status, headers);
      response.end(JSON.stringify(protocol.errorBody(scenario.status)));
      return;
    }
    const reply = scenario.kind === "reply" ? scenario : undefined;
    response.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    const writer = protocol.writer(response, recorded, {
      model: reply?.model ?? recorded.model,
      inputTokens: reply?.inputTokens ?? 42,
    });
    writer.start();
    const pauses = [reply?.pauseAfter ?? []].flat();
    for (const [index, token] of scenario.tokens.entries()) {
      if (pauses.includes(index)) await pause();
      if (response.destroyed) return;
      writer.token(token);
      if ((reply?.tokenDelayMs ?? 0) > 0) await delay(reply?.tokenDelayMs ?? 0);
    }
    if (scenario.kind === "stall") return; // open and silent, until the client gives up
    writer.end(scenario.tokens.length, reply?.toolCalls ?? []);
    response.end();
  }

  server.listen(port, host);
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}${protocol.basePath}`,
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
