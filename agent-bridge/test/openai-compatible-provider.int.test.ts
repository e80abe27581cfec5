// The real `openai` SDK against the local fake Chat Completions server:
// streaming, usage from the stream's usage chunk, retries honouring
// retry-after, a readable final failure, stalls and cancellation.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelError, type ModelRequest } from "../src/model/model-provider.ts";
import { OpenAICompatibleProvider } from "../src/model/openai-compatible-provider.ts";
import { type FakeOpenAIServer, startFakeOpenAI } from "../src/testing/fake-openai-server.ts";

const REQUEST: ModelRequest = {
  model: "llama-test",
  system: "You are terse.",
  messages: [{ role: "user", content: "Say hello" }],
  maxTokens: 100,
  temperature: 0.3,
};

const never = new AbortController().signal;

describe("OpenAICompatibleProvider", () => {
  let fake: FakeOpenAIServer;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(() => fake.close());

  const provider = (options: { idleTimeoutMs?: number; apiKey?: string | null } = {}) =>
    new OpenAICompatibleProvider({
      apiKey: "sk-test",
      baseURL: fake.url,
      maxRetries: 2,
      ...options,
    });

  it("streams text pieces and reports model, usage (asked for in the stream) and stop reason", async () => {
    fake.enqueue({ kind: "reply", tokens: ["Hel", "lo", "!"], inputTokens: 7, model: "llama-3" });
    const pieces: string[] = [];
    const result = await provider().generate(REQUEST, {
      signal: never,
      onText: (t) => pieces.push(t),
    });
    expect(pieces).toEqual(["Hel", "lo", "!"]);
    expect(result).toEqual({
      model: "llama-3",
      usage: { inputTokens: 7, outputTokens: 3 },
      stopReason: "stop",
      toolCalls: [],
    });
    expect(fake.requests[0]).toMatchObject({
      model: "llama-test",
      system: "You are terse.",
      messages: [{ role: "user", content: "Say hello" }],
      maxTokens: 100,
      apiKey: "sk-test",
      body: { stream: true, stream_options: { include_usage: true }, temperature: 0.3 },
    });
  });

  it("sends no Authorization header to an endpoint without a key", async () => {
    await provider({ apiKey: null }).generate(REQUEST, { signal: never, onText: () => {} });
    expect(fake.requests[0]?.apiKey).toBeUndefined();
  });

  it("retries a 500, then streams", async () => {
    fake.enqueue({ kind: "error", status: 500 }, { kind: "reply", tokens: ["ok"] });
    const pieces: string[] = [];
    await provider().generate(REQUEST, { signal: never, onText: (t) => pieces.push(t) });
    expect(pieces).toEqual(["ok"]);
    expect(fake.requests).toHaveLength(2);
  });

  it("waits as long as a 429's retry-after says before trying again", async () => {
    // Without retry-after the SDK's first retry waits at most 0.5 s.
    fake.enqueue(
      { kind: "error", status: 429, retryAfterSeconds: 1 },
      { kind: "reply", tokens: ["ok"] },
    );
    const started = performance.now();
    await provider().generate(REQUEST, { signal: never, onText: () => {} });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.requests).toHaveLength(2);
  });

  it("gives up after the retries with a reason a person can read", async () => {
    fake.setDefault({ kind: "error", status: 500, retryAfterSeconds: 0 });
    const error = await provider()
      .generate(REQUEST, { signal: never, onText: () => {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      kind: "server_error",
      message: "The model API kept failing, even after retrying (HTTP 500: fake 500).",
    });
    expect(fake.requests).toHaveLength(3);
  });

  it("aborts a stalled stream and keeps what arrived", async () => {
    fake.enqueue({ kind: "stall", tokens: ["partial"] });
    const pieces: string[] = [];
    const error = await provider({ idleTimeoutMs: 300 })
      .generate(REQUEST, { signal: never, onText: (t) => pieces.push(t) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "stalled", usage: { inputTokens: 0, outputTokens: 1 } });
    expect(pieces).toEqual(["partial"]);
  });

  it("stops when the caller cancels, counting what streamed", async () => {
    fake.enqueue({ kind: "reply", tokens: ["a", "b", "c", "d"], pauseAfter: 3 });
    const controller = new AbortController();
    const pieces: string[] = [];
    const error = await provider()
      .generate(REQUEST, {
        signal: controller.signal,
        onText: (t) => {
          pieces.push(t);
          if (pieces.length === 3) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "cancelled", usage: { outputTokens: 3 } });
    expect(pieces).toEqual(["a", "b", "c"]);
  });
});
