import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  appendToReply,
  type ChannelChanges,
  createFork,
  createThread,
  finishAgentReply,
  forkView,
  getMessage,
  listSummaryRequests,
  observeChannelChanges,
  pendingSummaryRequests,
  requestForkSummary,
  requestThreadSummary,
  resolveFork,
  setThreadStatus,
  startAgentReply,
  threadView,
} from "../src/index.ts";
import {
  alice,
  bob,
  expectRefused,
  helper,
  newChannel,
  reviewer,
  syncInto,
} from "./support/channel.ts";

function forkByBob() {
  const channel = newChannel();
  const { doc, env } = channel;
  const { threadId, messageId } = createThread(doc, alice, { title: "T", body: "A or B?" }, env);
  const forkId = createFork(doc, bob, { messageId, body: "A is cheaper" }, env);
  return { ...channel, threadId, forkId };
}

/** The agent streams a summary of the fork into the thread and finishes it. */
function summaryReply(
  setup: ReturnType<typeof forkByBob>,
  status: "completed" | "failed" | null = "completed",
) {
  const { doc, env, threadId, forkId } = setup;
  const taskId = "task-1";
  const messageId = startAgentReply(
    doc,
    helper,
    { threadId, forkId: null, summaryOfForkId: forkId, taskId },
    env,
  );
  if (status !== null) finishAgentReply(doc, helper, { messageId, taskId, status }, env);
  return messageId;
}

describe("requestForkSummary", () => {
  it("records the creator's (or a moderator's) request, pending while the fork is open", () => {
    const setup = forkByBob();
    const { doc, env, forkId } = setup;
    expectRefused(doc, "not_author", () => requestForkSummary(doc, alice, { forkId }, env));
    requestForkSummary(doc, bob, { forkId }, env);
    requestForkSummary(doc, alice, { forkId, moderator: true }, env);
    const requests = listSummaryRequests(doc).map(({ requestedAt: _, ...r }) => r);
    expect(requests).toEqual([
      { kind: "fork", targetId: forkId, actorId: "alice" },
      { kind: "fork", targetId: forkId, actorId: "bob" },
    ]);
    expect(pendingSummaryRequests(doc)).toHaveLength(2);
    summaryReply(setup, null);
    expect(pendingSummaryRequests(doc)).toEqual([]);
  });

  it("refuses a closed fork and an unknown one", () => {
    const { doc, env, forkId } = forkByBob();
    resolveFork(doc, bob, { forkId, resolution: "A" }, env);
    expectRefused(doc, "fork_closed", () => requestForkSummary(doc, bob, { forkId }, env));
    expectRefused(doc, "not_found", () => requestForkSummary(doc, bob, { forkId: "nope" }, env));
  });
});

describe("requestThreadSummary", () => {
  it("lets anyone ask, pending until an agent replies in the thread", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "T", body: "hi" }, env);
    env.advance(1_000);
    requestThreadSummary(doc, bob, { threadId }, env);
    expect(pendingSummaryRequests(doc)).toMatchObject([
      { kind: "thread", targetId: threadId, actorId: "bob" },
    ]);
    startAgentReply(doc, helper, { threadId, taskId: "t" }, env);
    expect(pendingSummaryRequests(doc)).toEqual([]);
  });

  it("refuses an archived thread", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "T", body: "hi" }, env);
    setThreadStatus(doc, alice, { threadId, status: "archived" });
    expectRefused(doc, "thread_archived", () => requestThreadSummary(doc, bob, { threadId }, env));
  });
});

describe("an agent's fork summary", () => {
  it("streams into the parent thread's main line and resolves the fork with its body", () => {
    const setup = forkByBob();
    const { doc, env, threadId, forkId } = setup;
    const messageId = startAgentReply(
      doc,
      helper,
      { threadId, forkId: null, summaryOfForkId: forkId, taskId: "task-1" },
      env,
    );
    expect(getMessage(doc, messageId)).toMatchObject({ kind: "fork-summary", forkId: null });
    expect(getMessage(doc, messageId)?.summaryOfForkId).toBe(forkId);
    expectRefused(doc, "invalid_target", () =>
      resolveFork(doc, helper, { forkId, summaryMessageId: messageId, moderator: true }, env),
    );
    appendToReply(doc, helper, { messageId, taskId: "task-1", text: "Go with A." });
    finishAgentReply(doc, helper, { messageId, taskId: "task-1", status: "completed" }, env);
    const before = threadView(doc, threadId)?.messages.length;
    resolveFork(doc, helper, { forkId, summaryMessageId: messageId, moderator: true }, env);
    expect(forkView(doc, forkId)?.fork).toMatchObject({
      status: "resolved",
      resolution: { text: "Go with A.", summaryMessageId: messageId, resolvedBy: helper },
    });
    expect(threadView(doc, threadId)?.messages.length).toBe(before);
  });

  it("resolves only with the agent's own completed summary of that fork, as a moderator", () => {
    const setup = forkByBob();
    const { doc, env, threadId, forkId } = setup;
    const failed = summaryReply(setup, "failed");
    const summary = { forkId, summaryMessageId: failed, moderator: true } as const;
    expectRefused(doc, "invalid_target", () => resolveFork(doc, helper, summary, env));
    const own = startAgentReply(
      doc,
      helper,
      { threadId, summaryOfForkId: forkId, taskId: "task-2" },
      env,
    );
    finishAgentReply(doc, helper, { messageId: own, taskId: "task-2", status: "completed" }, env);
    const other = { ...summary, summaryMessageId: own };
    expectRefused(doc, "not_author", () => resolveFork(doc, reviewer, other, env));
    expectRefused(doc, "not_author", () =>
      resolveFork(doc, helper, { forkId, summaryMessageId: own }, env),
    );
    expectRefused(doc, "not_author", () =>
      resolveFork(doc, helper, { forkId, resolution: "x", moderator: true }, env),
    );
    const { messageId: plain } = createThread(doc, helper, { title: "x", body: "y" }, env);
    expectRefused(doc, "invalid_target", () =>
      resolveFork(doc, helper, { ...summary, summaryMessageId: plain }, env),
    );
  });

  it("refuses to start a summary inside a fork, of a closed fork, or of another thread's fork", () => {
    const { doc, env, threadId, forkId } = forkByBob();
    const start = (input: { threadId: string; forkId?: string }) => () =>
      startAgentReply(doc, helper, { ...input, summaryOfForkId: forkId, taskId: "t" }, env);
    expectRefused(doc, "invalid_input", start({ threadId, forkId }));
    const other = createThread(doc, alice, { title: "U", body: "u" }, env).threadId;
    expectRefused(doc, "invalid_target", start({ threadId: other }));
    resolveFork(doc, bob, { forkId, resolution: "done" }, env);
    expectRefused(doc, "fork_closed", start({ threadId }));
  });
});

describe("observeChannelChanges and summary requests", () => {
  it("reports new and renewed requests, also from a peer", () => {
    const writer = forkByBob();
    const observer = new Y.Doc();
    syncInto(writer.doc, observer);
    const seen: ChannelChanges["summaryRequested"][] = [];
    const stop = observeChannelChanges(observer, (changes) => {
      if (changes.summaryRequested.length > 0) seen.push(changes.summaryRequested);
    });
    requestForkSummary(writer.doc, bob, { forkId: writer.forkId }, writer.env);
    syncInto(writer.doc, observer);
    writer.env.advance(5);
    requestThreadSummary(writer.doc, alice, { threadId: writer.threadId }, writer.env);
    requestThreadSummary(writer.doc, alice, { threadId: writer.threadId }, writer.env);
    syncInto(writer.doc, observer);
    stop();
    expect(seen.map((requests) => requests.map((r) => `${r.kind}|${r.actorId}`))).toEqual([
      ["fork|bob"],
      ["thread|alice"],
    ]);
  });
});
