// A mention streams a reply through the real server, bridge and SDK (against
// the fake API): a second client sees it grow in batches, it ends completed
// with model and usage, and the ledger agrees.
import { describe, expect, it } from "vitest";
import { DEFAULT_AGENT_CONFIG } from "../../sync-server/src/agents/agent-config.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { agentReplies, connectHuman, finishedReplies } from "./support/humans.ts";
import { draftThread, publishThread } from "./support/split-channel.ts";

const words = (n: number) => Array.from({ length: n }, (_, i) => ` w${i}`);

describe("a mention", () => {
  it("streams a reply that another client sees grow, ending completed with model and usage", async () => {
    const world = await startAgentWorld({
      reply: { kind: "reply", tokens: words(40), tokenDelayMs: 5, inputTokens: 11 },
    });
    const { general } = world.workspace;
    const question = draftThread(world.member, "@claude when do we launch?");
    const { threadId } = question;
    // Another member follows the thread's document from before the question is sent.
    const admin = await connectHuman(world.server.current, world.workspace.admin);
    const reader = await admin.openThread(general.id, threadId);
    const lengths = new Set<number>();
    reader.doc.on("update", () => {
      for (const reply of agentReplies(reader.doc, threadId)) lengths.add(reply.body.length);
    });

    await publishThread(world.member, general.id, question);
    const [reply] = await finishedReplies(reader, threadId);

    expect(reply?.body).toBe(words(40).join(""));
    expect(reply?.task).toMatchObject({
      status: "completed",
      model: DEFAULT_AGENT_CONFIG.model,
      usage: { inputTokens: 11, outputTokens: 40 },
      stopReason: "end_turn",
    });
    // Seen empty (running), then growing over several updates.
    expect(lengths.has(0)).toBe(true);
    expect(lengths.size).toBeGreaterThanOrEqual(4);

    const tasks = await world.ledgerSettled(question.messageId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      status: "completed",
      agentId: world.workspace.agent.user.id,
      requestedBy: world.member.user.id,
      replyMessageId: reply?.id,
      model: DEFAULT_AGENT_CONFIG.model,
      inputTokens: 11,
      outputTokens: 40,
    });

    expect(world.fake.requests).toHaveLength(1);
    const prompt = world.fake.requests[0];
    const content = prompt?.messages.map((m) => m.content).join("\n") ?? "";
    expect(content).toContain("when do we launch?");
    expect(content).toContain("member (@member)");
    expect(content).toMatch(/member \(@member\) mentioned you/);
    expect(prompt?.system).toContain("#town-square");
  });

  it("appends in batches: far fewer updates reach a reader than tokens were streamed", async () => {
    const tokens = words(200);
    const world = await startAgentWorld({ reply: { kind: "reply", tokens, tokenDelayMs: 2 } });
    const { general } = world.workspace;
    const question = draftThread(world.member, "@claude write a long answer");
    const admin = await connectHuman(world.server.current, world.workspace.admin);
    const reader = await admin.openThread(general.id, question.threadId);
    let updates = 0;
    reader.doc.on("update", () => {
      if (agentReplies(reader.doc, question.threadId).length > 0) updates += 1;
    });
    await publishThread(world.member, general.id, question);

    const [reply] = await finishedReplies(reader, question.threadId);

    expect(reply?.body).toBe(tokens.join(""));
    expect(updates).toBeGreaterThan(2);
    expect(updates).toBeLessThan(tokens.length / 4);
  });
});
