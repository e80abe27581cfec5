import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createFork,
  createThread,
  deleteMessage,
  editMessage,
  finishAgentReply,
  forkView,
  getMessage,
  listPinned,
  listThreads,
  messagesMentioning,
  pinMessage,
  postMessage,
  react,
  readMentionFacts,
  startAgentReply,
  threadMessagesAfter,
  threadView,
  validateChannelDocument,
} from "../src/index.ts";
import { alice, bob, helper, newChannel } from "./support/channel.ts";

function busyChannel() {
  const channel = newChannel();
  const { doc, env } = channel;
  const { threadId, messageId } = createThread(doc, alice, { title: "t", body: "hello" }, env);
  const reply = postMessage(doc, bob, { threadId, body: "hi" }, env);
  const forkId = createFork(doc, bob, { messageId, body: "aside" }, env);
  react(doc, bob, { messageId, emoji: "👋" }, env);
  pinMessage(doc, alice, { messageId: reply }, env);
  return { ...channel, threadId, messageId, reply, forkId };
}

/** Writes raw entries the way a buggy or hostile peer could. */
function corrupt(doc: Y.Doc, write: (root: (name: string) => Y.Map<unknown>) => void): void {
  write((name) => doc.getMap<unknown>(name));
}

describe("read models", () => {
  it("return unknown ids as undefined, not errors", () => {
    const { doc } = newChannel();
    expect(threadView(doc, "nope")).toBeUndefined();
    expect(forkView(doc, "nope")).toBeUndefined();
    expect(getMessage(doc, "nope")).toBeUndefined();
    expect(listThreads(doc)).toEqual([]);
    expect(listPinned(doc)).toEqual([]);
  });

  it("return plain JSON data", () => {
    const { doc, threadId, forkId } = busyChannel();
    for (const view of [
      listThreads(doc),
      threadView(doc, threadId),
      forkView(doc, forkId),
      listPinned(doc),
    ]) {
      expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    }
  });

  it("skip malformed entries instead of throwing", () => {
    const { doc, threadId, messageId } = busyChannel();
    const before = threadView(doc, threadId);
    corrupt(doc, (root) => {
      root("threads").set("bad-thread", "not a map");
      const noTitle = new Y.Map<unknown>();
      root("threads").set("untitled", noTitle);
      noTitle.set("id", "untitled");
      const badMessage = new Y.Map<unknown>();
      root("messages").set("bad-message", badMessage);
      badMessage.set("id", "bad-message");
      badMessage.set("threadId", threadId);
      badMessage.set("forkId", null);
      badMessage.set("body", "a plain string, not a Y.Text");
      root("forks").set("bad-fork", 42);
      root("reactions").set("no-separators", 1);
      root("reactions").set(`${messageId}|👋|carol`, "yesterday");
      root("pins").set(messageId, { by: "alice" });
    });
    expect(threadView(doc, threadId)).toEqual(before);
    expect(listThreads(doc).map((thread) => thread.id)).toEqual([threadId]);
    expect(getMessage(doc, "bad-message")).toBeUndefined();
    expect(getMessage(doc, messageId)?.pinned).toBe(false);
  });
});

describe("validateChannelDocument", () => {
  it("finds nothing wrong in documents written by the operations", () => {
    expect(validateChannelDocument(busyChannel().doc)).toEqual([]);
  });

  it("locates missing fields, wrong types, bad keys and dangling references", () => {
    const { doc, threadId, messageId } = busyChannel();
    corrupt(doc, (root) => {
      root("meta").delete("schemaVersion");
      root("threads").set("bad-thread", "not a map");
      (root("threads").get(threadId) as Y.Map<unknown>).set("status", "sleeping");
      const orphan = new Y.Map<unknown>();
      root("messages").set("orphan", orphan);
      orphan.set("id", "someone-else");
      const dangling = (root("messages").get(messageId) as Y.Map<unknown>).clone();
      root("messages").set("dangling", dangling);
      dangling.set("id", "dangling");
      dangling.set("threadId", "no-such-thread");
      root("reactions").set("no-separators", 1);
      root("pins").set(messageId, "pinned");
    });
    const problems = validateChannelDocument(doc).map(
      (problem) => `${problem.code} ${problem.path}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "invalid_meta meta/schemaVersion",
        "not_a_map threads/bad-thread",
        `wrong_type threads/${threadId}/status`,
        "id_mismatch messages/orphan/id",
        "missing_field messages/orphan/body",
        "unknown_reference messages/dangling/threadId",
        "invalid_key reactions/no-separators",
        `invalid_value pins/${messageId}`,
      ]),
    );
    expect(problems).not.toContain("unknown_reference messages/orphan/threadId");
  });
});

describe("readMentionFacts", () => {
  it("reads what getMessage shows of a message's author, place, mentions and task", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId } = createThread(
      doc,
      alice,
      { title: "t", body: "@helper hi" },
      env,
    );
    const taskId = "task-1";
    const reply = startAgentReply(doc, helper, { threadId, taskId }, env);
    for (const id of [messageId, reply]) {
      const view = getMessage(doc, id);
      expect(readMentionFacts(doc, id)).toEqual({
        id,
        threadId: view?.threadId,
        forkId: view?.forkId,
        author: view?.author,
        mentions: view?.mentions,
        taskStatus: view?.task?.status ?? null,
      });
    }
    expect(readMentionFacts(doc, messageId)?.mentions).toEqual(["helper"]);
    expect(readMentionFacts(doc, reply)?.taskStatus).toBe("running");
    finishAgentReply(doc, helper, { messageId: reply, taskId, status: "completed" }, env);
    expect(readMentionFacts(doc, reply)?.taskStatus).toBe("completed");
  });

  it("gives a deleted message no mentions, and unknown ids undefined", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "@helper hi" }, env);
    deleteMessage(doc, alice, { messageId }, env);
    expect(readMentionFacts(doc, messageId)?.mentions).toEqual([]);
    expect(readMentionFacts(doc, "nope")).toBeUndefined();
  });
});

describe("threadMessagesAfter", () => {
  it("is the end of threadView's messages: those stamped after the given stamp", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "m0" }, env);
    for (let n = 1; n < 6; n++) {
      env.advance(n % 2 === 0 ? 0 : 1_000);
      postMessage(doc, bob, { threadId, body: `m${n}` }, env);
    }
    const all = threadView(doc, threadId)?.messages ?? [];
    expect(threadMessagesAfter(doc, threadId, null)).toEqual(all);
    for (const [index, message] of all.entries()) {
      expect(threadMessagesAfter(doc, threadId, message.createdAt)).toEqual(all.slice(index + 1));
    }
    expect(threadMessagesAfter(doc, threadId, "000000000000000.000000")).toEqual(all);
    expect(threadMessagesAfter(doc, "nope", null)).toEqual([]);
  });
});

describe("messagesMentioning", () => {
  it("finds the live main-line messages mentioning a handle, edits included", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId: asked } = createThread(
      doc,
      alice,
      { title: "T", body: "@bob can you look?" },
      env,
    );
    const other = postMessage(doc, alice, { threadId, body: "no mention" }, env);
    const gone = postMessage(doc, alice, { threadId, body: "@bob soon deleted" }, env);
    deleteMessage(doc, alice, { messageId: gone }, env);
    editMessage(doc, alice, { messageId: other, body: "now @BOB too" }, env);
    const forkId = createFork(doc, alice, { messageId: asked }, env);
    postMessage(doc, alice, { threadId, forkId, body: "@bob in a fork" }, env);

    const found = messagesMentioning(doc, "bob").map((message) => message.id);
    expect(found.sort()).toEqual([asked, other].sort());
    expect(messagesMentioning(doc, "carol")).toEqual([]);
  });
});
