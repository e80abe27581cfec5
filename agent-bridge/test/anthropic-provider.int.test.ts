// The real Anthropic SDK against the local fake API: streaming, usage,
// retries honouring retry-after, stalls and cancellation.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnthropicProvider } from "../src/model/anthropic-provider.ts";
import { ModelError, type ModelRequest } from "../src/model/model-provider.ts";
import {
  type FakeAnthropicServer,
  startFakeAnthropic,
} from "../src/testing/fake-anthropic-server.ts";

const REQUEST: ModelRequest = {
  model: "claude-test",
  system: "You are terse.",
  messages: [{ role: "user", content: "Say hello" }],
  maxTokens: 100,
};

describe("AnthropicProvider", () => {
  let fake: FakeAnthropicServer;
  beforeEach(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(() => fake.close());

  const provider = (options: { idleTimeoutMs?: number } = {}) =>
    new AnthropicProvider({ apiKey: "sk-test", baseURL: fake.url, maxRetries: 2, ...options });

  it("streams text pieces and reports model, usage and stop reason", async () => {
    fake.enqueue({
      kind: "reply",
      tokens: ["Hel", "lo", "!"],
      inputTokens: 7,
      model: "claude-test-2",
    });
    const pieces: string[] = [];
    const result = await provider().generate(REQUEST, {
      signal: new AbortController().signal,
      onText: (t) => pieces.push(t),
    });
    expect(pieces).toEqual(["Hel", "lo", "!"]);
    expect(result).toEqual({
      model: "claude-test-2",
      usage: { inputTokens: 7, outputTokens: 3 },
      stopReason: "end_turn",
      toolCalls: [],
    });
    expect(fake.requests[0]).toMatchObject({
      model: "claude-test",
      system: "You are terse.",
      maxTokens: 100,
      apiKey: "sk-test",
    });
  });

  it("retries after 429 and 529 answers, then streams", async () => {
    fake.enqueue(
      { kind: "error", status: 429, retryAfterSeconds: 0 },
      { kind: "error", status: 529 },
      { kind: "reply", tokens: ["ok"] },
    );
    const pieces: string[] = [];
    await provider().generate(REQUEST, {
      signal: new AbortController().signal,
      onText: (t) => pieces.push(t),
    });
    expect(pieces).toEqual(["ok"]);
    expect(fake.requests).toHaveLength(3);
  });

  it("gives up after the retries with the kind of the last failure", async () => {
    fake.setDefault({ kind: "error", status: 500, retryAfterSeconds: 0 });
    const failure = provider()
      .generate(REQUEST, { signal: new AbortController().signal, onText: () => {} })
      .catch((error: unknown) => error);
    const error = await failure;
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe("server_error");
    expect(fake.requests).toHaveLength(3);
  });

  it("aborts a stalled stream and keeps what arrived", async () => {
    fake.enqueue({ kind: "stall", tokens: ["partial"] });
    const pieces: string[] = [];
    const error = await provider({ idleTimeoutMs: 300 })
      .generate(REQUEST, { signal: new AbortController().signal, onText: (t) => pieces.push(t) })
      .catch((e: unknown) => e);
    expect((error as ModelError).kind).toBe("stalled");
    expect(pieces).toEqual(["partial"]);
  });

  it("stops when the caller cancels", async () => {
    fake.enqueue({
      kind: "reply",
      tokens: Array.from({ length: 200 }, (_, i) => `t${i} `),
      tokenDelayMs: 5,
    });
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
    expect((error as ModelError).kind).toBe("cancelled");
    expect(pieces.length).toBeLessThan(200);
  });
});
