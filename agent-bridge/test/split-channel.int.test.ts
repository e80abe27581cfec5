// Agents on a split channel (docs/history-split.md, step 8) through the real server, bridge and
// SDK (against the fake API): a mention is answered by streaming into the thread's own document,
// the only document the bridge opens however many threads the channel has; a fork's summary lands
// in the thread document and resolves the fork, a thread's summary is posted there; a bridge key
// opens only the thread document of a task it holds, never the channel's other threads nor its
// index document (a task whose thread no document holds is failed, not handed out), and the agent's read_thread tool reads another thread from its own document; a
// reply kept on disk from before the channel was split, or streaming while it was split, is
// delivered into the thread's document, and an orphaned one (its bridge gone) is settled by the
// server there.
import {
  appendToReply,
  type ClaimedTask,
  channelDocumentName,
  createFork,
  forkView,
  type MessageView,
  postMessage,
  requestForkSummary,
  requestThreadSummary,
  SPLIT_LAYOUT,
  splitChannelDocument,
  startAgentReply,
  type TaskThreadResult,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { UNPLACED_THREAD_ERROR } from "../../sync-server/src/agents/task-document.ts";
import { TaskQueueSignal } from "../../sync-server/src/agents/task-queue.ts";
import { enqueueTask, getTask } from "../../sync-server/src/agents/tasks.ts";
import { newId } from "../../sync-server/src/ids.ts";
import { ApiClient } from "../../sync-server/test/support/api-client.ts";
import { connectPeer } from "../../sync-server/test/support/peers.ts";
import { temporaryDataDir } from "../../sync-server/test/support/test-server.ts";
import { onEvent, waitFor } from "../../sync-server/test/support/wait-for.ts";
import { UndeliveredReplies } from "../src/replies/undelivered-replies.ts";
import { INTERRUPTED_ERROR } from "../src/tasks/endings.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { agentReplies, ask, connectHuman, finishedReplies } from "./support/humans.ts";
import { allTasks, tasksFor } from "./support/ledger.ts";
import {
  draftThread,
  publishThread,
  splitChannel,
  startSplitThread,
  storeOneDocumentChannel,
} from "./support/split-channel.ts";

const words = (n: number) => Array.from({ length: n }, (_, i) => ` w${i}`);

describe("agents on a split channel", () => {
  it("stream a mention's reply into the thread's document, the only one the bridge opens", async () => {
    const tokens = words(30);
    const world = await startAgentWorld({ reply: { kind: "reply", tokens, tokenDelayMs: 5 } });
    const { general } = world.workspace;
    await splitChannel(world.server.current, general.id);
    // The channel's other threads: what the bridge loads for a task must not grow with them.
    for (let n = 0; n < 12; n += 1)
      await startSplitThread(world.member, general.id, `chatter ${n}`);
    if (world.bridge === null) throw new Error("the world starts a bridge");
    const opened = vi.spyOn(world.bridge.channels, "open");
    const question = draftThread(world.member, "@claude when do we launch?");
    const name = threadDocumentName(general.id, question.threadId);
    // Another member follows the thread's document from before the question is sent.
    const admin = await connectHuman(world.server.current, world.workspace.admin);
    const reader = await admin.peer.openDocument(name);
    const lengths = new Set<number>();
    reader.doc.on("update", () => {
      for (const reply of agentReplies(reader.doc, question.threadId))
        lengths.add(reply.body.length);
    });

    await publishThread(world.member, general.id, question);
    const [reply] = await finishedReplies(reader, question.threadId);

    expect(reply?.body).toBe(tokens.join(""));
    expect(reply?.task).toMatchObject({ status: "completed", stopReason: "end_turn" });
    expect(lengths.has(0)).toBe(true);
    expect(lengths.size).toBeGreaterThanOrEqual(3);
    const [task] = await world.ledgerSettled(question.messageId);
    expect(task).toMatchObject({ status: "completed", replyMessageId: reply?.id });
    // One document for the task: its thread's, not the channel's nor any other thread's.
    expect(opened.mock.calls.map(([documentName]) => documentName)).toEqual([name]);
    const prompt = world.fake.requests[0]?.messages.map((m) => m.content).join("\n") ?? "";
    expect(prompt).toContain("when do we launch?");
    expect(prompt).not.toContain("chatter");
  });

  it("resolve a fork with its summary and summarise the thread, in the thread's document", async () => {
    const tokens = ["- Go", " with", " A", ";", " Bob", " checks", " stock."];
    const summary = tokens.join("");
    const world = await startAgentWorld({ reply: { kind: "reply", tokens, tokenDelayMs: 5 } });
    const { general } = world.workspace;
    await splitChannel(world.server.current, general.id);
    const me = world.member.actor;
    const { threadId, messageId, thread } = await startSplitThread(
      world.member,
      general.id,
      "Option A or B for the launch?",
    );
    const forkId = createFork(thread.doc, me, { messageId, body: "A costs less" });
    postMessage(thread.doc, me, { threadId, forkId, body: "B ships a week later" });
    const admin = await connectHuman(world.server.current, world.workspace.admin);
    const reader = await admin.peer.openDocument(threadDocumentName(general.id, threadId));

    requestForkSummary(thread.doc, me, { forkId });
    await reader.until(
      "the fork resolved",
      () => forkView(reader.doc, forkId)?.fork.status === "resolved",
    );

    const summaries = (threadView(reader.doc, threadId)?.messages ?? []).filter(
      (m: MessageView) => m.kind === "fork-summary" && m.summaryOfForkId === forkId,
    );
    expect(summaries).toMatchObject([{ body: summary, author: { kind: "agent" } }]);
    expect(forkView(reader.doc, forkId)?.fork.resolution).toMatchObject({
      text: summary,
      summaryMessageId: summaries[0]?.id,
    });
    const asked = world.fake.requests[0]?.messages.map((m) => m.content).join("\n") ?? "";
    expect(asked).toContain("B ships a week later");

    requestThreadSummary(thread.doc, me, { threadId });
    await finishedReplies(reader, threadId, 2);
    await vi.waitFor(() => {
      const kinds = allTasks(world.server.current).map((t) => [t.kind, t.status]);
      expect(kinds).toEqual(
        expect.arrayContaining([
          ["fork-summary", "completed"],
          ["thread-summary", "completed"],
        ]),
      );
    });
  });

  it("let a bridge key open only the thread document of the task it holds", async () => {
    const world = await startAgentWorld({ bridge: false });
    const { general } = world.workspace;
    const server = world.server.current;
    await splitChannel(server, general.id);
    // Queued before the split in a thread no document holds (an imported id the split left
    // unplaced): failed at its claim, never handed to a bridge.
    const unplaced = enqueueTask(server.ctx, new TaskQueueSignal(), {
      kind: "mention",
      agentId: world.workspace.agent.user.id,
      channelId: general.id,
      threadId: "imported|thread",
      forkId: null,
      triggerMessageId: "imported-message",
      requestedBy: world.member.user.id,
      depth: 0,
    });
    const asked = await startSplitThread(world.member, general.id, "@claude what next?");
    const other = await startSplitThread(world.member, general.id, "another thread's words");
    expect(tasksFor(server, asked.messageId)).toHaveLength(1);
    const holder = new ApiClient(server.url, { apiKey: world.bridgeKey });
    const claimed = await holder.post<ClaimedTask>("/api/bridge/claim", { waitMs: 0 });
    const task = claimed.body;
    expect(task.triggerMessageId).toBe(asked.messageId);
    expect(getTask(server.ctx, unplaced?.id ?? "")).toMatchObject({
      status: "failed",
      error: UNPLACED_THREAD_ERROR,
    });
    await holder.post(`/api/bridge/tasks/${task.id}/heartbeat`, { attempt: task.attempt });
    const own = threadDocumentName(general.id, asked.threadId);
    expect(task.documentName).toBe(own);

    const bridge = connectPeer(server.websocketUrl, { token: world.bridgeKey });
    for (const refused of [
      threadDocumentName(general.id, other.threadId),
      channelDocumentName(general.id),
    ]) {
      const { outcome } = await bridge.attemptDocument(refused);
      expect(outcome, refused).toMatchObject({ kind: "denied" });
    }
    const { outcome, channel } = await bridge.attemptDocument(own);
    expect(outcome).toMatchObject({ kind: "opened", scope: "read-write" });
    expect(threadView(channel.doc, asked.threadId)?.messages.map((m) => m.body)).toEqual([
      "@claude what next?",
    ]);

    // The read_thread tool reads another thread from that thread's own document.
    const query = new URLSearchParams({ channelId: general.id, threadId: other.threadId });
    const read = await holder.get<TaskThreadResult>(`/api/bridge/tasks/${task.id}/thread?${query}`);
    expect(read.status).toBe(200);
    expect(read.body.messages.map((m) => m.body)).toEqual(["another thread's words"]);
  });

  it("deliver a reply kept from before the split into the thread's document", async () => {
    const world = await startAgentWorld({ bridge: false });
    const { general } = world.workspace;
    const server = world.server.current;
    await splitChannel(server, general.id);
    const asked = await startSplitThread(world.member, general.id, "@claude status?");
    // A bridge claimed the task while the channel was one document and wrote the answer, but was
    // stopped before the server had it (kept on disk); the upgraded server then split the channel.
    const holder = new ApiClient(server.url, { apiKey: world.bridgeKey });
    const claimed = (await holder.post<ClaimedTask>("/api/bridge/claim", { waitMs: 0 })).body;
    const messageId = newId();
    await holder.post(`/api/bridge/tasks/${claimed.id}/reply`, {
      attempt: claimed.attempt,
      messageId,
    });
    const stateDir = temporaryDataDir();
    new UndeliveredReplies(stateDir).save({
      task: { ...claimed, documentName: channelDocumentName(general.id) },
      messageId,
      body: "All green.",
      ending: {
        status: "completed",
        model: claimed.config.model,
        inputTokens: 5,
        outputTokens: 3,
        provider: "anthropic",
        stopReason: "end_turn",
        error: null,
      },
      usageAttempt: claimed.attempt,
    });

    world.startBridge({ stateDir });

    const [reply] = await finishedReplies(asked.thread, asked.threadId);
    expect(reply).toMatchObject({ id: messageId, body: "All green." });
    expect(reply?.task).toMatchObject({ status: "completed", usage: { outputTokens: 3 } });
    const [task] = await world.ledgerSettled(asked.messageId);
    expect(task).toMatchObject({ status: "completed", attempts: 1, outputTokens: 3 });
  });

  it("have an orphaned reply settled by the server in the thread's document", async () => {
    const world = await startAgentWorld({
      bridge: false,
      server: { OPENVIBE_AGENT_LEASE_MS: "1000", OPENVIBE_AGENT_ORPHAN_MS: "1000" },
    });
    const { general } = world.workspace;
    const server = world.server.current;
    await splitChannel(server, general.id);
    const asked = await startSplitThread(world.member, general.id, "@claude an essay please");
    // A bridge starts the reply in the thread's document, then dies: no heartbeat ever again.
    const holder = new ApiClient(server.url, { apiKey: world.bridgeKey });
    const task = (await holder.post<ClaimedTask>("/api/bridge/claim", { waitMs: 0 })).body;
    await holder.post(`/api/bridge/tasks/${task.id}/heartbeat`, { attempt: task.attempt });
    const messageId = newId();
    await holder.post(`/api/bridge/tasks/${task.id}/reply`, { attempt: task.attempt, messageId });
    const bridge = connectPeer(server.websocketUrl, { token: world.bridgeKey });
    const written = await bridge.openDocument(task.documentName);
    const agent = { kind: "agent", id: task.agent.id } as const;
    const target = { threadId: asked.threadId, forkId: null, taskId: task.id, model: "m" };
    startAgentReply(written.doc, agent, target, { now: Date.now, newId: () => messageId });
    appendToReply(written.doc, agent, { messageId, taskId: task.id, text: "Once upon" });
    await written.acknowledged();
    bridge.close();

    const [reply] = await finishedReplies(asked.thread, asked.threadId);
    expect(reply).toMatchObject({ id: messageId, body: "Once upon" });
    expect(reply?.task).toMatchObject({ status: "failed", error: INTERRUPTED_ERROR });
    expect(tasksFor(server, asked.messageId)).toMatchObject([{ status: "failed" }]);
  });

  it("deliver a reply whose channel was split while it streamed into the thread's document", async () => {
    const tokens = words(30);
    const world = await startAgentWorld({
      reply: { kind: "reply", tokens, tokenDelayMs: 1, pauseAfter: 10 },
    });
    const { general } = world.workspace;
    // #general as a server before the split kept it: one document holding its threads.
    storeOneDocumentChannel(world.server.current, general.id);
    const channel = await world.member.open(general.id);
    const question = ask(channel.doc, world.member.actor, "@claude tell me everything");
    await waitFor(
      "the model to pause mid-answer",
      () => world.fake.pausedCount >= 1,
      onEvent(world.fake.events, "paused"),
    );
    await channel.until(
      "the answer's first part",
      () => agentReplies(channel.doc, question.threadId)[0]?.body === tokens.slice(0, 10).join(""),
    );
    // The server splits the channel meanwhile (the upgrade's migration): the thread's content,
    // the started reply included, moves to the thread's document, and the channel's document
    // takes no more messages.
    const direct = await world.server.current.hocuspocus.openDirectConnection(
      channelDocumentName(general.id),
    );
    let split: Uint8Array | undefined;
    await direct.transact((doc) => {
      split = splitChannelDocument(doc).threadDocs.get(question.threadId);
      doc.getMap("meta").set("layout", SPLIT_LAYOUT);
    });
    await direct.disconnect();
    const name = threadDocumentName(general.id, question.threadId);
    const moved = await world.server.current.hocuspocus.openDirectConnection(name);
    await moved.transact((doc) => Y.applyUpdate(doc, split ?? new Uint8Array()));
    await moved.disconnect();

    world.fake.resume();

    const reader = await world.member.peer.openDocument(name);
    const [reply] = await finishedReplies(reader, question.threadId);
    expect(reply?.body).toBe(tokens.join(""));
    expect(reply?.task).toMatchObject({ status: "completed" });
    const [task] = await world.ledgerSettled(question.messageId);
    expect(task).toMatchObject({ status: "completed", attempts: 1, replyMessageId: reply?.id });
  });
});
