// What keeps agents in check: the loop guard (depth of agents answering
// agents; never answering oneself), the monthly token budget, a bridge
// without a model key, and the workspace's switch for agents.
import { describe, expect, it } from "vitest";
import { createUser } from "../../sync-server/src/accounts/users.ts";
import { updateAgentConfig } from "../../sync-server/src/agents/agent-config.ts";
import { addMember } from "../../sync-server/src/channels/channels.ts";
import { UNCONFIGURED_REPLY } from "../src/model/unconfigured-provider.ts";
import { BUDGET_REPLY } from "../src/tasks/endings.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { spawnBridge } from "./support/child-bridge.ts";
import { finishedReplies } from "./support/humans.ts";
import { allTasks } from "./support/ledger.ts";
import { startSplitThread } from "./support/split-channel.ts";

describe("the loop guard", () => {
  it("stops agents mentioning each other at the configured depth, and no agent answers itself", async () => {
    const world = await startAgentWorld({
      server: { OPENVIBE_AGENT_MAX_DEPTH: "2" },
      // Every reply mentions both agents: each one's reply calls the other (and itself).
      reply: { kind: "reply", tokens: ["@claude ", "@other ", "over to you"] },
    });
    const { ctx } = world.server.current;
    const { admin, general } = world.workspace;
    const other = await createUser(ctx, {
      kind: "agent",
      role: "member",
      handle: "other",
      displayName: "Other",
    });
    addMember(ctx, admin.user, general.id, other.id);
    const question = await startSplitThread(world.member, general.id, "@claude start a discussion");

    // Depth 0 (claude, asked by a person), 1 (other), 2 (claude); depth 3 is refused.
    await world.afterTasks(
      "three agent replies recorded",
      () =>
        allTasks(world.server.current).every(
          (t) => t.status !== "queued" && t.status !== "running",
        ) && allTasks(world.server.current).length >= 3,
    );
    const replies = await finishedReplies(question.thread, question.threadId, 3);
    const tasks = allTasks(world.server.current);
    expect(replies.map((r) => r.author.id)).toEqual([
      world.workspace.agent.user.id,
      other.id,
      world.workspace.agent.user.id,
    ]);
    expect(tasks.map((t) => t.depth).sort()).toEqual([0, 1, 2]);
    for (const task of tasks) {
      const trigger = [question.messageId, ...replies.map((r) => r.id)].indexOf(
        task.triggerMessageId,
      );
      expect(trigger).toBeGreaterThanOrEqual(0);
      expect(task.requestedBy).not.toBe(task.agentId);
    }
    expect(world.fake.requests).toHaveLength(3);
  });
});

describe("the monthly token budget", () => {
  it("once spent, the agent says so without calling the model", async () => {
    const world = await startAgentWorld();
    const { ctx } = world.server.current;
    updateAgentConfig(ctx, world.workspace.admin.user, world.workspace.agent.user.id, {
      monthlyTokenBudget: 10,
    });
    const { general } = world.workspace;
    const first = await startSplitThread(world.member, general.id, "@claude first question");
    const [answered] = await finishedReplies(first.thread, first.threadId);
    expect(answered?.task?.status).toBe("completed");
    await world.ledgerSettled(first.messageId);

    const second = await startSplitThread(world.member, general.id, "@claude second question");
    const [refused] = await finishedReplies(second.thread, second.threadId);
    expect(refused?.body).toBe(BUDGET_REPLY);
    expect(refused?.task).toMatchObject({ status: "completed", stopReason: "budget_exhausted" });
    expect(world.fake.requests).toHaveLength(1);
  });
});

describe("a bridge without ANTHROPIC_API_KEY", () => {
  it("answers that no model is configured", async () => {
    const world = await startAgentWorld({ bridge: false });
    const child = spawnBridge({
      OPENVIBE_SERVER_URL: world.server.current.url,
      OPENVIBE_BRIDGE_KEY: world.bridgeKey,
    });
    await child.logged("agent bridge started");
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude hello?",
    );

    const [reply] = await finishedReplies(question.thread, question.threadId);
    expect(reply?.body).toBe(UNCONFIGURED_REPLY);
    expect(reply?.task).toMatchObject({ status: "completed", stopReason: "not_configured" });
    expect(world.fake.requests).toHaveLength(0);
  });
});

describe("the workspace's agents switch", () => {
  it("while off, mentions of agents get no reply; once on again, they do", async () => {
    const world = await startAgentWorld();
    const { admin, general } = world.workspace;
    const setAgents = async (agents: boolean) => {
      const changed = await admin.client.patch("/api/workspace", { features: { agents } });
      expect(changed.status).toBe(200);
    };
    await setAgents(false);
    // Resolves once the server holds the thread document (its mention was looked at).
    const ignored = await startSplitThread(world.member, general.id, "@claude are you there?");
    await setAgents(true);
    const answered = await startSplitThread(world.member, general.id, "@claude and now?");
    const [reply] = await finishedReplies(answered.thread, answered.threadId);

    expect(reply?.task?.status).toBe("completed");
    const triggers = allTasks(world.server.current).map((task) => task.triggerMessageId);
    expect(triggers).toEqual([answered.messageId]);
    expect(triggers).not.toContain(ignored.messageId);
    expect(world.fake.requests).toHaveLength(1);
  });
});
