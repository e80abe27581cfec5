// Summaries by the default agent through the real server, bridge and SDK
// (against the fake API): asking for a fork's summary streams one summary
// into the parent thread and resolves the fork with it, however many times
// (and from however many devices) it is asked; "Summarise thread" posts one
// reply in the thread.
import {
  type ContextItemList,
  createFork,
  forkView,
  type MessageView,
  postMessage,
  requestForkSummary,
  requestThreadSummary,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it, vi } from "vitest";
import { startAgentWorld } from "./support/agent-world.ts";
import { connectHuman, finishedReplies } from "./support/humans.ts";
import { allTasks } from "./support/ledger.ts";
import { startSplitThread } from "./support/split-channel.ts";

const tokens = ["- Go", " with", " option", " A", " (cheaper)", ";", " Bob", " checks", " stock."];
const summary = tokens.join("");

const summariesIn = (messages: readonly MessageView[] | undefined, forkId: string) =>
  (messages ?? []).filter((m) => m.kind === "fork-summary" && m.summaryOfForkId === forkId);

describe("summaries by the default agent", () => {
  it("resolves a fork with one streamed summary in the parent thread, asked from two devices", async () => {
    const world = await startAgentWorld({ reply: { kind: "reply", tokens, tokenDelayMs: 10 } });
    const { general } = world.workspace;
    const me = world.member.actor;
    const question = await startSplitThread(
      world.member,
      general.id,
      "Option A or B for the launch?",
    );
    const { threadId, messageId, thread: phone } = question;
    const laptop = await (
      await connectHuman(world.server.current, world.workspace.member)
    ).openThread(general.id, threadId);
    const forkId = createFork(phone.doc, me, { messageId, body: "A costs less" });
    postMessage(phone.doc, me, { threadId, forkId, body: "B ships a week later" });
    await phone.acknowledged();
    await laptop.until("the fork on the laptop", () => forkView(laptop.doc, forkId) !== undefined);
    const lengths = new Set<number>();
    laptop.doc.on("update", () => {
      for (const m of summariesIn(threadView(laptop.doc, threadId)?.messages, forkId))
        lengths.add(m.body.length);
    });

    requestForkSummary(phone.doc, me, { forkId });
    requestForkSummary(laptop.doc, me, { forkId });
    await Promise.all([phone.acknowledged(), laptop.acknowledged()]);
    await laptop.until(
      "the fork resolved",
      () => forkView(laptop.doc, forkId)?.fork.status === "resolved",
    );

    const posted = summariesIn(threadView(laptop.doc, threadId)?.messages, forkId);
    expect(posted).toHaveLength(1);
    const [reply] = posted;
    expect(reply).toMatchObject({ body: summary, author: { kind: "agent" } });
    expect(reply?.task).toMatchObject({ status: "completed", stopReason: "end_turn" });
    expect(forkView(laptop.doc, forkId)?.fork.resolution).toMatchObject({
      text: summary,
      summaryMessageId: reply?.id,
      resolvedBy: { kind: "agent", id: world.workspace.agent.user.id },
    });
    expect(lengths.size).toBeGreaterThanOrEqual(3);
    // The bridge reports to the ledger after the server has the resolution.
    await vi.waitFor(() => {
      const tasks = allTasks(world.server.current).filter((t) => t.kind === "fork-summary");
      expect(tasks).toMatchObject([{ triggerMessageId: forkId, status: "completed" }]);
    });
    // The resolution is remembered: a decision of the thread, by the agent that resolved it.
    const items = await world.workspace.member.client.request<ContextItemList>(
      "GET",
      `/api/channels/${general.id}/context-items`,
    );
    expect(items.body.items).toMatchObject([
      {
        kind: "decision",
        text: summary,
        threadId,
        source: "fork",
        sourceForkId: forkId,
        sourceMessageId: reply?.id,
        author: { id: world.workspace.agent.user.id },
      },
    ]);
    const content = world.fake.requests[0]?.messages.map((m) => m.content).join("\n") ?? "";
    expect(content).toContain("Option A or B for the launch?");
    expect(content).toContain("B ships a week later");
    expect(content).toContain("asked you to summarise the side discussion");
  });

  it("posts one summary reply for 'Summarise thread', asked twice", async () => {
    const world = await startAgentWorld({ reply: { kind: "reply", tokens } });
    const me = world.member.actor;
    const { threadId, thread: channel } = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "Launch plan: A is cheaper, B is later.",
    );
    requestThreadSummary(channel.doc, me, { threadId });
    await channel.acknowledged();
    const [reply] = await finishedReplies(channel, threadId);
    await vi.waitFor(() =>
      expect(allTasks(world.server.current)).toMatchObject([{ status: "completed" }]),
    );
    requestThreadSummary(channel.doc, me, { threadId });
    await channel.acknowledged();

    expect(reply).toMatchObject({ body: summary, kind: "message", forkId: null });
    const tasks = allTasks(world.server.current).filter((t) => t.kind === "thread-summary");
    expect(tasks).toMatchObject([{ threadId, status: "completed", replyMessageId: reply?.id }]);
    const content = world.fake.requests[0]?.messages.map((m) => m.content).join("\n") ?? "";
    expect(content).toContain('asked you to summarise the thread "Question"');
  });
});
