// Exactly once: a mention becomes one task and one reply, whether two bridges
// run at once, the mention is edited, or a bridge is killed mid-reply and
// another takes over after its lease runs out.
import { editMessage } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { INTERRUPTED_ERROR } from "../src/tasks/endings.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { spawnBridge } from "./support/child-bridge.ts";
import { agentReplies, ask, finishedReplies } from "./support/humans.ts";
import { allTasks, tasksFor } from "./support/ledger.ts";

const words = (n: number) => Array.from({ length: n }, (_, i) => ` w${i}`);

describe("exactly once", () => {
  it("two bridges running at once answer each mention once", async () => {
    const world = await startAgentWorld({
      reply: { kind: "reply", tokens: words(10), tokenDelayMs: 2 },
    });
    world.startBridge();
    const channel = await world.member.open(world.workspace.general.id);
    const questions = ["one", "two", "three", "four"].map((n) =>
      ask(channel.doc, world.member.actor, `@claude question ${n}`),
    );

    for (const question of questions) {
      const replies = await finishedReplies(channel, question.threadId);
      expect(replies).toHaveLength(1);
      expect(await world.ledgerSettled(question.messageId)).toHaveLength(1);
    }
    expect(world.fake.requests).toHaveLength(questions.length);
    expect(allTasks(world.server.current).map((t) => t.attempts)).toEqual([1, 1, 1, 1]);
  });

  it("an edited mention (mentions parsed again) is still one task", async () => {
    const world = await startAgentWorld();
    const channel = await world.member.open(world.workspace.general.id);
    const question = ask(channel.doc, world.member.actor, "@claude what is the plan?");
    await finishedReplies(channel, question.threadId);
    await world.ledgerSettled(question.messageId);

    editMessage(channel.doc, world.member.actor, {
      messageId: question.messageId,
      body: "@claude what is the plan, exactly? cc @member",
    });
    // A later mention is queued after the edit was handled: once it is answered, the edit was seen.
    const later = ask(channel.doc, world.member.actor, "@claude and the budget?");
    await finishedReplies(channel, later.threadId);

    expect(tasksFor(world.server.current, question.messageId)).toHaveLength(1);
    expect(agentReplies(channel.doc, question.threadId)).toHaveLength(1);
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
    const channel = await world.member.open(world.workspace.general.id);
    const question = ask(channel.doc, world.member.actor, "@claude write a long essay");
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
