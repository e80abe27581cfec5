// An agent's reply across a server restart: the server goes away while the
// reply streams (the fake model pauses the stream at a known point, the test
// stops the server and lets the model finish), and comes back after the
// bridge's lease ran out, or before. Either way the bridge that wrote the
// answer delivers all of it, exactly one reply is left, and the ledger holds
// the tokens the model reported. A bridge restarted during the outage, and a
// bridge that finds another one took its task over, are covered too.
import { describe, expect, it } from "vitest";
import { createBridgeKey } from "../../sync-server/src/agents/bridge-keys.ts";
import { ApiClient } from "../../sync-server/test/support/api-client.ts";
import { withDeadline } from "../../sync-server/test/support/deadline.ts";
import { temporaryDataDir } from "../../sync-server/test/support/test-server.ts";
import { onEvent, waitFor } from "../../sync-server/test/support/wait-for.ts";
import type { AgentBridge } from "../src/bridge.ts";
import { INTERRUPTED_ERROR } from "../src/tasks/endings.ts";
import type { FakeAnthropicServer } from "../src/testing/fake-anthropic-server.ts";
import { type AgentWorld, startAgentWorld } from "./support/agent-world.ts";
import { spawnBridge } from "./support/child-bridge.ts";
import { cuttableLink } from "./support/cuttable-link.ts";
import { agentReplies, finishedReplies } from "./support/humans.ts";
import { tasksFor } from "./support/ledger.ts";
import { startSplitThread } from "./support/split-channel.ts";

const TOKENS = Array.from({ length: 60 }, (_, i) => ` word${i}`);
const BEFORE_OUTAGE = 10;
/** What the fake model reports for a whole answer (its default input tokens, one per token out). */
const FULL_USAGE = { inputTokens: 42, outputTokens: TOKENS.length };

const answer = (count = TOKENS.length) => TOKENS.slice(0, count).join("");

/** Resolves once the fake model has `count` streams waiting at their pause. */
const paused = (fake: FakeAnthropicServer, count = 1) =>
  waitFor(
    `${count} paused model streams`,
    () => fake.pausedCount >= count,
    onEvent(fake.events, "paused"),
  );

/** Lets the paused model finish; resolves once `bridge` has the whole reply in its copy. */
async function modelFinishes(world: AgentWorld, bridge: AgentBridge | null) {
  if (bridge === null) throw new Error("no bridge");
  const written = new Promise((resolve) => bridge.events.once("reply-settled", resolve));
  world.fake.resume();
  await withDeadline(written, "the whole reply in the bridge's copy");
}

/**
 * Waits until the wall clock passes `instant`: the one thing a lease's expiry depends on (the
 * server is down, so there is no event to wait for).
 */
const clockPasses = (instant: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now()) + 1));

/** Asks the agent, and waits until the first part of the answer is stored on the server. */
async function replyStreaming(world: AgentWorld) {
  const question = await startSplitThread(
    world.member,
    world.workspace.general.id,
    "@claude tell me everything",
  );
  const channel = question.thread;
  await paused(world.fake);
  await channel.until(
    "the answer's first part on the member's replica",
    () => agentReplies(channel.doc, question.threadId)[0]?.body === answer(BEFORE_OUTAGE),
  );
  return { channel, question };
}

function worldWithPausingModel(leaseMs?: number, bridge = true) {
  return startAgentWorld({
    reply: { kind: "reply", tokens: TOKENS, tokenDelayMs: 1, pauseAfter: BEFORE_OUTAGE },
    bridge,
    ...(leaseMs === undefined ? {} : { server: { OPENVIBE_AGENT_LEASE_MS: String(leaseMs) } }),
  });
}

describe("a server restart while an agent's reply streams", () => {
  it("with a lease shorter than the outage: the bridge renews its unclaimed task and delivers the whole answer", async () => {
    const world = await worldWithPausingModel();
    const { channel, question } = await replyStreaming(world);

    const stoppedAt = await world.serverDown();
    await modelFinishes(world, world.bridge);
    await clockPasses(stoppedAt + world.leaseMs);
    const restarted = await world.serverUp();
    const [stored] = tasksFor(restarted, question.messageId);
    expect(stored?.status).toBe("running");
    expect(stored?.leaseExpiresAt ?? 0).toBeLessThan(Date.now()); // it ran out during the outage

    const [task] = await world.ledgerSettled(question.messageId);
    const replies = await finishedReplies(channel, question.threadId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toBe(answer());
    expect(replies[0]?.task).toMatchObject({ status: "completed", usage: FULL_USAGE });
    expect(task).toMatchObject({ status: "completed", attempts: 1, ...FULL_USAGE });
    expect(task?.replyMessageId).toBe(replies[0]?.id);
    expect(world.fake.requests).toHaveLength(1);
  });

  it("with a lease longer than the outage: the bridge reconnects and delivers the whole answer", async () => {
    const world = await worldWithPausingModel(60_000);
    const { channel, question } = await replyStreaming(world);

    await world.serverDown();
    await modelFinishes(world, world.bridge);
    const restarted = await world.serverUp();
    const [stored] = tasksFor(restarted, question.messageId);
    expect(stored?.leaseExpiresAt ?? 0).toBeGreaterThan(Date.now()); // still live

    const [task] = await world.ledgerSettled(question.messageId);
    const replies = await finishedReplies(channel, question.threadId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toBe(answer());
    expect(replies[0]?.task).toMatchObject({ status: "completed", usage: FULL_USAGE });
    expect(task).toMatchObject({ status: "completed", attempts: 1, ...FULL_USAGE });
    expect(world.fake.requests).toHaveLength(1);
  });
});

describe("a bridge restarted while the server is down", () => {
  it("keeps the finished answer on disk; the next process renews the claim and delivers all of it", async () => {
    const world = await worldWithPausingModel(undefined, false);
    const stateDir = temporaryDataDir();
    const first = world.startBridge({ stateDir });
    const { channel, question } = await replyStreaming(world);

    const stoppedAt = await world.serverDown();
    await modelFinishes(world, first); // the whole answer, in the bridge's copy only
    await first.stop(); // gives up delivering, keeps the reply
    world.startBridge({ stateDir });
    await clockPasses(stoppedAt + world.leaseMs);
    await world.serverUp();

    const [task] = await world.ledgerSettled(question.messageId);
    const replies = await finishedReplies(channel, question.threadId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toBe(answer());
    expect(replies[0]?.task).toMatchObject({ status: "completed", usage: FULL_USAGE });
    expect(task).toMatchObject({ status: "completed", attempts: 1, ...FULL_USAGE });
    expect(world.fake.requests).toHaveLength(1);
  });

  it("killed (SIGKILL) after the answer finished: the reply kept while waiting is delivered by the next process", async () => {
    const world = await worldWithPausingModel(undefined, false);
    const stateDir = temporaryDataDir();
    const child = spawnBridge({
      OPENVIBE_SERVER_URL: world.server.current.url,
      OPENVIBE_BRIDGE_KEY: world.bridgeKey,
      OPENVIBE_BRIDGE_STATE_DIR: stateDir,
      ANTHROPIC_API_KEY: "sk-fake",
      ANTHROPIC_BASE_URL: world.fake.url,
    });
    await child.logged("agent bridge started");
    const { channel, question } = await replyStreaming(world);

    const stoppedAt = await world.serverDown();
    world.fake.resume();
    await child.logged("reply not delivered yet"); // the whole answer is in its copy, and kept
    await child.kill();
    world.startBridge({ stateDir });
    await clockPasses(stoppedAt + world.leaseMs);
    await world.serverUp();

    const [task] = await world.ledgerSettled(question.messageId);
    const replies = await finishedReplies(channel, question.threadId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toBe(answer());
    expect(replies[0]?.task).toMatchObject({ status: "completed", usage: FULL_USAGE });
    expect(task).toMatchObject({ status: "completed", attempts: 1, ...FULL_USAGE });
  });

  it("stopped mid-answer: the next process delivers what was written, interrupted, with the tokens spent", async () => {
    const world = await worldWithPausingModel(undefined, false);
    const stateDir = temporaryDataDir();
    const first = world.startBridge({ stateDir });
    const { channel, question } = await replyStreaming(world);

    await world.serverDown();
    await first.stop(); // the model call is cut short while still paused
    world.startBridge({ stateDir });
    await world.serverUp();

    const [task] = await world.ledgerSettled(question.messageId);
    const replies = await finishedReplies(channel, question.threadId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toBe(answer(BEFORE_OUTAGE));
    expect(replies[0]?.task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR });
    expect(task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR, attempts: 1 });
    expect(task?.inputTokens).toBe(FULL_USAGE.inputTokens);
    expect(task?.outputTokens).toBeGreaterThanOrEqual(BEFORE_OUTAGE);
  });
});

describe("a bridge cut off while its reply streams", () => {
  it("is refused when its socket returns before its lease is renewed; once renewed, a new connection delivers the whole answer", async () => {
    const world = await worldWithPausingModel(undefined, false);
    const link = await cuttableLink(world.server.current.port);
    const bridge = world.startBridge({ serverUrl: link.url });
    const { channel, question } = await replyStreaming(world);

    link.cut();
    const cutAt = Date.now();
    await modelFinishes(world, bridge);
    await clockPasses(cutAt + world.leaseMs);
    const denied = new Promise((resolve) => bridge.channels.events.once("denied", resolve));
    link.heal(["websocket"]);
    // Its socket is back (at the socket's next retry), its lease is not.
    await withDeadline(denied, "the server refusing the returning socket", 15_000);
    link.heal();

    const [task] = await world.ledgerSettled(question.messageId);
    const replies = await finishedReplies(channel, question.threadId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toBe(answer());
    expect(replies[0]?.task).toMatchObject({ status: "completed", usage: FULL_USAGE });
    expect(task).toMatchObject({ status: "completed", attempts: 1, ...FULL_USAGE });
  });

  it("loses the task to another bridge: one reply, settled by the other, and the first one's tokens counted once", async () => {
    const world = await worldWithPausingModel(undefined, false);
    const link = await cuttableLink(world.server.current.port);
    const first = world.startBridge({ serverUrl: link.url });
    const { channel, question } = await replyStreaming(world);

    link.cut();
    await modelFinishes(world, first);
    const otherKey = createBridgeKey(world.server.current.ctx, world.workspace.admin.user, "other");
    world.startBridge({ key: otherKey.key });
    const [settled] = await world.ledgerSettled(question.messageId);
    expect(settled).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR, attempts: 2 });
    expect(settled).toMatchObject({ inputTokens: 0, outputTokens: 0 });

    const firstDone = new Promise((resolve) => first.events.once("task-settled", resolve));
    link.heal();
    // It finds its task taken and reports what its model call consumed.
    await withDeadline(firstDone, "the first bridge to settle its lost claim");
    const [task] = tasksFor(world.server.current, question.messageId);
    expect(task).toMatchObject({ status: "failed", attempts: 2, ...FULL_USAGE });
    const replies = await finishedReplies(channel, question.threadId);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toBe(answer(BEFORE_OUTAGE)); // refused: the first bridge wrote no more
    expect(replies[0]?.task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR });

    // Reported again, the same claim's tokens still count once; another key may not report them.
    const usage = `/api/bridge/tasks/${task?.id}/usage`;
    const firstClient = new ApiClient(world.server.current.url, { apiKey: world.bridgeKey });
    const otherClient = new ApiClient(world.server.current.url, { apiKey: otherKey.key });
    expect((await firstClient.post(usage, { attempt: 1, ...FULL_USAGE })).status).toBe(204);
    expect((await otherClient.post(usage, { attempt: 1, ...FULL_USAGE })).status).toBe(404);
    expect(tasksFor(world.server.current, question.messageId)[0]).toMatchObject(FULL_USAGE);
  });
});
