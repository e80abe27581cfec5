import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type ChannelChanges,
  createThread,
  editMessage,
  finishAgentReply,
  isStopRequested,
  observeChannelChanges,
  postMessage,
  requestStop,
  startAgentReply,
  stopRequesters,
} from "../src/index.ts";
import { alice, bob, expectRefused, helper, newChannel, syncInto } from "./support/channel.ts";

describe("requestStop", () => {
  it("records who asked an agent to stop a running reply", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "Q", body: "@helper help" }, env);
    const reply = startAgentReply(doc, helper, { threadId, taskId: "task-1" }, env);
    expect(isStopRequested(doc, reply)).toBe(false);
    requestStop(doc, bob, { messageId: reply }, env);
    requestStop(doc, alice, { messageId: reply }, env);
    requestStop(doc, alice, { messageId: reply }, env);
    expect(stopRequesters(doc, reply)).toEqual(["alice", "bob"]);
  });

  it("refuses to stop a message that is not an agent reply", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "Q", body: "hello" }, env);
    expectRefused(doc, "invalid_target", () => requestStop(doc, bob, { messageId }, env));
  });

  it("changes nothing once the reply has ended", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "Q", body: "@helper" }, env);
    const reply = startAgentReply(doc, helper, { threadId, taskId: "t" }, env);
    finishAgentReply(doc, helper, { messageId: reply, taskId: "t", status: "completed" }, env);
    requestStop(doc, bob, { messageId: reply }, env);
    expect(isStopRequested(doc, reply)).toBe(false);
  });
});

describe("observeChannelChanges", () => {
  it("reports new messages, changed mentions and stop requests, also when they arrive from a peer", () => {
    const writer = newChannel();
    const observer = new Y.Doc();
    syncInto(writer.doc, observer);
    const seen: ChannelChanges[] = [];
    const stop = observeChannelChanges(observer, (changes) => seen.push(changes));

    const { threadId, messageId } = createThread(
      writer.doc,
      alice,
      { title: "Q", body: "hi" },
      writer.env,
    );
    syncInto(writer.doc, observer);
    editMessage(writer.doc, alice, { messageId, body: "hi @helper" }, writer.env);
    syncInto(writer.doc, observer);
    const reply = startAgentReply(writer.doc, helper, { threadId, taskId: "t" }, writer.env);
    syncInto(writer.doc, observer);
    requestStop(writer.doc, bob, { messageId: reply }, writer.env);
    syncInto(writer.doc, observer);
    postMessage(writer.doc, bob, { threadId, body: "unrelated" }, writer.env);
    stop();
    syncInto(writer.doc, observer);

    expect(seen.map(({ origin: _origin, ...changes }) => changes)).toEqual([
      { addedMessages: [messageId], mentionsChanged: [], stopRequested: [], summaryRequested: [] },
      { addedMessages: [], mentionsChanged: [messageId], stopRequested: [], summaryRequested: [] },
      { addedMessages: [reply], mentionsChanged: [], stopRequested: [], summaryRequested: [] },
      { addedMessages: [], mentionsChanged: [], stopRequested: [reply], summaryRequested: [] },
    ]);
  });
});
