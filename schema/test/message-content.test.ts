import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  appendToReply,
  createFork,
  createThread,
  deleteMessage,
  editMessage,
  listSearchableMessages,
  type MessageContentChange,
  observeMessageContent,
  pinMessage,
  postMessage,
  react,
  readSearchableMessage,
  renameThread,
  setThreadStatus,
  startAgentReply,
  unpinMessage,
} from "../src/index.ts";
import { alice, bob, helper, newChannel, syncInto } from "./support/channel.ts";

function watch(doc: Y.Doc): { seen: MessageContentChange[]; ids: () => string[][] } {
  const seen: MessageContentChange[] = [];
  observeMessageContent(doc, (change) => seen.push(change));
  return { seen, ids: () => seen.map((change) => [...change.messageIds].sort()) };
}

describe("observeMessageContent", () => {
  it("reports added, edited, appended, deleted, pinned and forked messages once per transaction", () => {
    const { doc, env } = newChannel();
    const { ids, seen } = watch(doc);
    const { threadId, messageId } = createThread(doc, alice, { title: "T", body: "hello" }, env);
    const second = postMessage(doc, bob, { threadId, body: "second" }, env);
    editMessage(doc, alice, { messageId, body: "hello there" }, env);
    pinMessage(doc, bob, { messageId }, env);
    unpinMessage(doc, bob, { messageId });
    createFork(doc, bob, { messageId, title: "side" }, env);
    deleteMessage(doc, bob, { messageId: second }, env);
    const reply = startAgentReply(doc, helper, { threadId, taskId: "t1" }, env);
    appendToReply(doc, helper, { messageId: reply, text: "partial", taskId: "t1" });
    expect(ids()).toEqual([
      [messageId],
      [second],
      [messageId],
      [messageId],
      [messageId],
      [messageId],
      [second],
      [reply],
      [reply],
    ]);
    expect(seen.every((change) => change.origin !== undefined)).toBe(true);
  });

  it("reports every message of a renamed thread, with the new title, and only those", () => {
    const { doc, env } = newChannel();
    const renamed = createThread(doc, alice, { title: "Old", body: "one" }, env);
    const second = postMessage(doc, bob, { threadId: renamed.threadId, body: "two" }, env);
    createThread(doc, alice, { title: "Other", body: "elsewhere" }, env);
    const { ids } = watch(doc);
    renameThread(doc, alice, { threadId: renamed.threadId, title: "New" });
    expect(ids()).toEqual([[renamed.messageId, second].sort()]);
    expect(readSearchableMessage(doc, second)?.threadTitle).toBe("New");
    setThreadStatus(doc, alice, { threadId: renamed.threadId, status: "resolved" });
    expect(ids()).toHaveLength(1);
  });

  it("ignores changes that do not alter search content and stops when asked", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "T", body: "hello" }, env);
    const seen: MessageContentChange[] = [];
    const stop = observeMessageContent(doc, (change) => seen.push(change));
    react(doc, bob, { messageId, emoji: "👍" }, env);
    expect(seen).toEqual([]);
    stop();
    editMessage(doc, alice, { messageId, body: "changed" }, env);
    expect(seen).toEqual([]);
  });

  it("reports changes that arrive from a peer", () => {
    const writer = newChannel();
    const replica = new Y.Doc();
    syncInto(writer.doc, replica);
    const { ids } = watch(replica);
    const { messageId } = createThread(writer.doc, alice, { title: "T", body: "x" }, writer.env);
    syncInto(writer.doc, replica);
    expect(ids()).toEqual([[messageId]]);
  });
});

describe("searchable messages", () => {
  it("reads body, thread title, pin and fork facts; deleted bodies are empty", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId } = createThread(
      doc,
      alice,
      { title: "Plans", body: "ship it" },
      env,
    );
    const other = postMessage(doc, bob, { threadId, body: "gone soon" }, env);
    pinMessage(doc, bob, { messageId }, env);
    const forkId = createFork(doc, bob, { messageId, title: "side" }, env);
    const inFork = postMessage(doc, bob, { threadId, forkId, body: "in the fork" }, env);
    deleteMessage(doc, bob, { messageId: other }, env);

    const first = readSearchableMessage(doc, messageId);
    expect(first).toMatchObject({
      body: "ship it",
      threadTitle: "Plans",
      pinned: true,
      hasFork: true,
      forkId: null,
      deleted: false,
      author: alice,
    });
    expect(readSearchableMessage(doc, other)).toMatchObject({ body: "", deleted: true });
    expect(readSearchableMessage(doc, inFork)).toMatchObject({ forkId, hasFork: false });
    expect(readSearchableMessage(doc, "missing")).toBeUndefined();
    expect(listSearchableMessages(doc).map((m) => m.id)).toEqual([messageId, other, inFork]);
    expect(listSearchableMessages(doc)[0]).toEqual(first);
  });
});
