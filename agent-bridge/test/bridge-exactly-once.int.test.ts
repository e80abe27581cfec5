// Exactly once: a mention becomes one task and one reply, whether two bridges
// run at once, the mention is edited, or a bridge is killed mid-reply and
// another takes over after its lease runs out.
import { editMessage } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { INTERRUPTED_ERROR } from "../src/tasks/endings.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { spawnBridge } from "./support/child-bridge.ts";
import { agentReplies, finishedReplies } from "./support/humans.ts";
import { allTasks, tasksFor } from "./support/ledger.ts";
import { startSplitThread } from "./support/split-channel.ts";

const words = (n: number) => Array.from({ length: n }, (_, i) => ` w${i}`);

describe("exactly once", () => {
  it("two bridges running at once answer each mention once", async () => {
    const world = await startAgentWorld({
      reply: { kind: "reply", tokens: words(10), tokenDelayMs: 2 },
    });
    world.startBridge();
    const questions = await Promise.all(
      ["one", "two", "three", "four"].map((n) =>
        startSplitThread(world.member, world.workspace.general.id, `@claude question ${n}`),
      ),
    );

    for (const question of questions) {
      const replies = await finishedReplies(question.thread, question.threadId);
      expect(replies).toHaveLength(1);
      expect(await world.ledgerSettled(question.messageId)).toHaveLength(1);
    }
    expect(world.fake.requests).toHaveLength(questions.length);
    expect(allTasks(world.server.current).map((t) => t.attempts)).toEqual([1, 1, 1, 1]);
  });

  it("an edited mention (mentions parsed again) is still one task", async () => {
    const world = await startAgentWorld();
    const { general } = world.workspace;
    const question = await startSplitThread(world.member, general.id, "@claude what is the plan?");
    await finishedReplies(question.thread, question.threadId);
    await world.ledgerSettled(question.messageId);

    editMessage(question.thread.doc, world.member.actor, {
      messageId: question.messageId,
      body: "@claude what is the plan, exactly? cc @member",
    });
    // A later mention is queued after the edit was handled: once it is answered, the edit was seen.
    await question.thread.acknowledged();
    const later = await startSplitThread(world.member, general.id, "@claude and the budget?");
    await finishedReplies(later.thread, later.threadId);

    expect(tasksFor(world.server.current, question.messageId)).toHaveLength(1);
    expect(agentReplies(question.thread.doc, question.threadId)).toHaveLength(1);
  });

  it("a bridge killed mid-reply leaves one reply, marked interrupted by the next bridge", async () => {
    const tokens = words(400);
    const world = await startAgentWorld({
      bridge: false,
      reply: { kind: "reply", tokens, tokenDelayMs: 10 },
    });
    const child = spawnBridge({
      OPENVIBE_SERVER_URL: world.server.current.url,
      OPENVIBE_BRIDGE_KEY: world.bridgeKey,
      ANTHROPIC_API_KEY: "sk-fake",
      ANTHROPIC_BASE_URL: world.fake.url,
    });
    await child.logged("agent bridge started");
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude write a long essay",
    );
    const channel = question.thread;
    await channel.until(
      "the reply to be streaming",
      () => (agentReplies(channel.doc, question.threadId)[0]?.body.length ?? 0) > 10,
    );
    await child.kill();

    world.startBridge();
    const [task] = await world.ledgerSettled(question.messageId);
    const replies = await finishedReplies(channel, question.threadId);

    expect(replies).toHaveLength(1);
    expect(replies[0]?.task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR });
    expect(replies[0]?.body.length).toBeGreaterThan(10);
    expect(task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR, attempts: 2 });
    expect(task?.replyMessageId).toBe(replies[0]?.id);
    expect(world.fake.requests).toHaveLength(1);
  });
});
