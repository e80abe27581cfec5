// Agents set to an OpenAI-compatible endpoint, end to end: the real server,
// the agent configured over its HTTP API, the real bridge (a child process,
// then in-process bridges) calling the local fake Chat Completions server
// through the real `openai` SDK. The reply streams and completes with its
// usage recorded under its provider; a 500 is retried; a final failure is
// shown in the message; Stop ends it; and the key given by the admin reaches
// the endpoint but no API response, log line or channel document.
import { randomBytes } from "node:crypto";
import { type AgentConfig, type AgentUsageReport, requestStop } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { temporaryDataDir } from "../../sync-server/test/support/test-server.ts";
import { pollUntil } from "../../sync-server/test/support/wait-for.ts";
import { startFakeOpenAI } from "../src/testing/fake-openai-server.ts";
import type { FakeScenario } from "../src/testing/scripted-fake.ts";
import { type AgentWorld, startAgentWorld } from "./support/agent-world.ts";
import { spawnBridge } from "./support/child-bridge.ts";
import { agentReplies, finishedReplies } from "./support/humans.ts";
import { tasksFor } from "./support/ledger.ts";
import { startSplitThread } from "./support/split-channel.ts";

const SECRETS_KEY = randomBytes(32).toString("base64");
const API_KEY = `sk-endpoint-${randomBytes(12).toString("hex")}`;
const TOKENS = ["Hi", " from", " a", " local", " model."];

/** A world whose agent @claude answers through a fake OpenAI-compatible endpoint. */
async function openAiWorld(options: { bridge: boolean; reply?: FakeScenario }) {
  const world = await startAgentWorld({
    bridge: false,
    server: { OPENVIBE_SECRETS_KEY: SECRETS_KEY },
  });
  const endpoint = await startFakeOpenAI(options.reply ?? { kind: "reply", tokens: TOKENS });
  onTestFinished(() => endpoint.close());
  const configured = await world.workspace.admin.client.patch<AgentConfig>(
    `/api/agents/${world.workspace.agent.user.id}/config`,
    { provider: "openai-compatible", baseUrl: endpoint.url, apiKey: API_KEY, model: "llama-test" },
  );
  expect(configured.status).toBe(200);
  if (options.bridge) world.startBridge({ openAiCompatible: { maxRetries: 2 } });
  return { world, endpoint, configured: configured.body };
}

const settled = (world: AgentWorld, messageId: string) =>
  pollUntil("the task settled in the ledger", async () =>
    tasksFor(world.server.current, messageId).every(
      (t) => t.status !== "running" && t.status !== "queued",
    ),
  );

describe("an agent on an OpenAI-compatible endpoint", () => {
  it("answers a mention through the bridge process, with usage recorded per provider, and the key kept secret", async () => {
    const { world, endpoint, configured } = await openAiWorld({ bridge: false });
    const bridge = spawnBridge({
      OPENVIBE_SERVER_URL: world.server.current.url,
      OPENVIBE_BRIDGE_KEY: world.bridgeKey,
      OPENVIBE_BRIDGE_STATE_DIR: temporaryDataDir(),
      OPENVIBE_LOG_LEVEL: "trace",
    });
    await bridge.logged("agent bridge started");
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude hello?",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId, 1, 30_000);
    expect(reply?.body).toBe(TOKENS.join(""));
    expect(reply?.task).toMatchObject({
      status: "completed",
      model: "llama-test",
      usage: { inputTokens: 42, outputTokens: TOKENS.length },
    });
    await settled(world, question.messageId);
    const [task] = tasksFor(world.server.current, question.messageId);
    expect(task).toMatchObject({
      status: "completed",
      provider: "openai-compatible",
      inputTokens: 42,
      outputTokens: TOKENS.length,
    });
    const report = await world.workspace.admin.client.get<AgentUsageReport>("/api/agents/usage");
    expect(report.body.days).toContainEqual(
      expect.objectContaining({
        agentId: world.workspace.agent.user.id,
        provider: "openai-compatible",
        tasks: 1,
        inputTokens: 42,
      }),
    );
    // The endpoint got the key, the system prompt first and a request for usage in the stream.
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]).toMatchObject({
      model: "llama-test",
      apiKey: API_KEY,
      body: { stream: true, stream_options: { include_usage: true } },
    });
    expect(endpoint.requests[0]?.system).toContain("helpful teammate");

    // The key is nowhere else: API answers, the bridge's log (at trace), the channel document.
    const config = await world.workspace.admin.client.get<AgentConfig>(
      `/api/agents/${world.workspace.agent.user.id}/config`,
    );
    expect(config.body).toEqual(configured);
    expect(config.body.apiKeySet).toBe(true);
    const answers = JSON.stringify([configured, config.body, report.body]);
    expect(answers).not.toContain(API_KEY);
    expect(bridge.output()).toContain("task finished");
    expect(bridge.output()).not.toContain(API_KEY);
    const documentBytes = Buffer.from(Y.encodeStateAsUpdate(channel.doc));
    expect(documentBytes.includes(API_KEY)).toBe(false);
  }, 60_000);

  it("retries a 500 and completes", async () => {
    const { world, endpoint } = await openAiWorld({ bridge: true });
    endpoint.enqueue({ kind: "error", status: 500, retryAfterSeconds: 0 });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude are you there?",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task?.status).toBe("completed");
    expect(reply?.body).toBe(TOKENS.join(""));
    expect(endpoint.requests).toHaveLength(2);
    const [task] = await world.ledgerSettled(question.messageId);
    expect(task).toMatchObject({ provider: "openai-compatible", inputTokens: 42 });
  });

  it("shows a final failure in the message", async () => {
    const { world, endpoint } = await openAiWorld({
      bridge: true,
      reply: { kind: "error", status: 500, retryAfterSeconds: 0 },
    });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude are you there?",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task).toMatchObject({
      status: "failed",
      error: "The model API kept failing, even after retrying (HTTP 500: fake 500).",
    });
    expect(endpoint.requests).toHaveLength(3); // the first attempt and two retries
    const [task] = await world.ledgerSettled(question.messageId);
    expect(task).toMatchObject({ status: "failed", error: reply?.task?.error });
  });

  it("stops mid-stream when a person asks, keeping the partial text", async () => {
    const tokens = Array.from({ length: 20 }, (_, i) => ` w${i}`);
    const { world, endpoint } = await openAiWorld({
      bridge: true,
      reply: { kind: "reply", tokens, pauseAfter: 5 },
    });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude tell me everything",
    );
    const channel = question.thread;
    const partial = tokens.slice(0, 5).join("");
    await channel.until(
      "the first five pieces",
      () => agentReplies(channel.doc, question.threadId)[0]?.body === partial,
    );
    expect(endpoint.pausedCount).toBe(1);
    const running = agentReplies(channel.doc, question.threadId)[0];
    requestStop(channel.doc, world.member.actor, { messageId: running?.id ?? "" });

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task).toMatchObject({ status: "cancelled", stopReason: "stopped_by_user" });
    expect(reply?.body).toBe(partial);
    const [task] = await world.ledgerSettled(question.messageId);
    expect(task).toMatchObject({
      status: "cancelled",
      provider: "openai-compatible",
      outputTokens: 5,
    });
  });
});
