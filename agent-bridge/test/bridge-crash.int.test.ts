// A bridge process killed (SIGKILL) in the middle of a streamed reply never affects the server:
// people go on talking in the same thread while no bridge runs, and once the bridge is started
// again (the same key and state directory, as a service manager restarts it) it takes the task
// over when the dead process's lease runs out and settles the one reply it left: never a second
// reply, never one left "running". When no bridge comes back, the server settles the reply
// itself once OPENVIBE_AGENT_ORPHAN_MS has passed, and Retry asks again.
import { postMessage, threadView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { temporaryDataDir } from "../../sync-server/test/support/test-server.ts";
import { pollUntil } from "../../sync-server/test/support/wait-for.ts";
import { INTERRUPTED_ERROR } from "../src/tasks/endings.ts";
import { type AgentWorld, startAgentWorld } from "./support/agent-world.ts";
import { spawnBridge } from "./support/child-bridge.ts";
import { agentReplies, connectHuman, finishedReplies } from "./support/humans.ts";
import { tasksFor } from "./support/ledger.ts";
import { startSplitThread } from "./support/split-channel.ts";

const TOKENS = Array.from({ length: 400 }, (_, i) => ` w${i}`);

/** A bridge process's settings in this world; its processes share one state directory. */
function bridgeProcessEnv(world: AgentWorld): Record<string, string> {
  return {
    OPENVIBE_SERVER_URL: world.server.current.url,
    OPENVIBE_BRIDGE_KEY: world.bridgeKey,
    OPENVIBE_BRIDGE_STATE_DIR: temporaryDataDir(),
    ANTHROPIC_API_KEY: "sk-fake",
    ANTHROPIC_BASE_URL: world.fake.url,
  };
}

describe("a bridge killed while its reply streams", () => {
  it("leaves the server serving people, and once restarted settles exactly one reply", async () => {
    const world = await startAgentWorld({
      bridge: false,
      reply: { kind: "reply", tokens: TOKENS, tokenDelayMs: 10 },
    });
    const bridgeEnv = bridgeProcessEnv(world);
    const first = spawnBridge(bridgeEnv);
    await first.logged("agent bridge started");
    const { general } = world.workspace;
    const question = await startSplitThread(world.member, general.id, "@claude write a long essay");
    const member = question.thread;
    const admin = await connectHuman(world.server.current, world.workspace.admin);
    const adminChannel = await admin.openThread(general.id, question.threadId);
    const reply = () => agentReplies(member.doc, question.threadId);
    await member.until("the reply to be streaming", () => (reply()[0]?.body.length ?? 0) > 10);

    await first.kill();
    // With no bridge running, the server still serves: people talk in the same thread.
    for (const [who, channel, body] of [
      [admin, adminChannel, "the agent went quiet"],
      [world.member, member, "still here?"],
    ] as const) {
      postMessage(channel.doc, who.actor, { threadId: question.threadId, body });
      await channel.acknowledged();
    }
    const people = (doc = member.doc) =>
      threadView(doc, question.threadId)?.messages.filter((m) => m.author.kind === "human") ?? [];
    // The question and both messages, on both sides.
    await member.until("both people's messages", () => people().length === 3);
    await adminChannel.until("both people's messages", () => people(adminChannel.doc).length === 3);
    expect((await fetch(`${world.server.current.url}/health`)).status).toBe(200);
    expect(reply()).toHaveLength(1);
    expect(reply()[0]?.task?.status).toBe("running"); // until a bridge settles it

    const second = spawnBridge(bridgeEnv);
    await second.logged("agent bridge started");
    const replies = await finishedReplies(member, question.threadId, 1, 30_000);
    await pollUntil("the task settled in the ledger", async () =>
      tasksFor(world.server.current, question.messageId).every((t) => t.status !== "running"),
    );

    expect(replies).toHaveLength(1);
    expect(replies[0]?.task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR });
    expect(replies[0]?.body.length).toBeGreaterThan(10);
    const tasks = tasksFor(world.server.current, question.messageId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR, attempts: 2 });
    expect(tasks[0]?.replyMessageId).toBe(replies[0]?.id);
    expect(world.fake.requests).toHaveLength(1);
  }, 60_000);

  it("with no bridge back, is marked interrupted by the server, and Retry gets a whole answer", async () => {
    const world = await startAgentWorld({
      bridge: false,
      reply: { kind: "reply", tokens: TOKENS, tokenDelayMs: 10 },
      server: { OPENVIBE_AGENT_LEASE_MS: "1000", OPENVIBE_AGENT_ORPHAN_MS: "1000" },
    });
    const bridgeEnv = bridgeProcessEnv(world);
    const first = spawnBridge(bridgeEnv);
    await first.logged("agent bridge started");
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude write a long essay",
    );
    const member = question.thread;
    const reply = () => agentReplies(member.doc, question.threadId);
    await member.until("the reply to be streaming", () => (reply()[0]?.body.length ?? 0) > 10);
    await first.kill();

    // No bridge runs: the server settles the reply everyone sees, keeping its text.
    const [interrupted] = await finishedReplies(member, question.threadId, 1, 15_000);
    expect(interrupted?.task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR });
    expect(interrupted?.body.length).toBeGreaterThan(10);
    const [task] = tasksFor(world.server.current, question.messageId);
    expect(task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR, attempts: 1 });

    // Retry queues it again; a bridge started now writes a new, whole reply.
    const retried = await world.workspace.member.client.post(`/api/tasks/${task?.id}/retry`);
    expect(retried.status).toBe(200);
    const second = spawnBridge(bridgeEnv);
    await second.logged("agent bridge started");
    const replies = await finishedReplies(member, question.threadId, 2, 30_000);
    expect(replies).toHaveLength(2);
    expect(replies[1]?.task).toMatchObject({ status: "completed" });
    expect(replies[1]?.body).toBe(TOKENS.join(""));
    expect(replies[0]?.task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR });
  }, 60_000);
});
