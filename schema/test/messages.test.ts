import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createFork,
  createThread,
  deleteMessage,
  editMessage,
  forkView,
  getMessage,
  MAX_BODY_LENGTH,
  postMessage,
  threadView,
} from "../src/index.ts";
import { alice, bob, expectRefused, newChannel, syncAll } from "./support/channel.ts";

describe("postMessage", () => {
  it("appends to the thread's main line in posting order, with parsed mentions", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "first" }, env);
    env.advance(1_000);
    const reply = postMessage(doc, bob, { threadId, body: "Sure @Alice, cc @carol" }, env);
    const view = threadView(doc, threadId);
    expect(view?.messages.map((message) => message.body)).toEqual([
      "first",
      "Sure @Alice, cc @carol",
    ]);
    expect(getMessage(doc, reply)?.mentions).toEqual(["alice", "carol"]);
    expect(view?.thread.messageCount).toBe(2);
  });

  it("says which id it could not find", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "first" }, env);
    const unknownThread = expectRefused(doc, "not_found", () =>
      postMessage(doc, bob, { threadId: "missing", body: "hi" }, env),
    );
    expect(unknownThread.details).toEqual({ entity: "thread", id: "missing" });
    const unknownFork = expectRefused(doc, "not_found", () =>
      postMessage(doc, bob, { threadId, forkId: "nofork", body: "hi" }, env),
    );
    expect(unknownFork.details).toEqual({ entity: "fork", id: "nofork" });
  });

  it("refuses a fork id that belongs to another thread", () => {
    const { doc, env } = newChannel();
    const first = createThread(doc, alice, { title: "one", body: "a" }, env);
    const second = createThread(doc, alice, { title: "two", body: "b" }, env);
    const forkId = createFork(doc, alice, { messageId: first.messageId }, env);
    expectRefused(doc, "invalid_target", () =>
      postMessage(doc, alice, { threadId: second.threadId, forkId, body: "x" }, env),
    );
  });

  it("refuses empty and oversized bodies", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "first" }, env);
    expectRefused(doc, "empty_body", () => postMessage(doc, bob, { threadId, body: "" }, env));
    expectRefused(doc, "body_too_long", () =>
      postMessage(doc, bob, { threadId, body: "y".repeat(MAX_BODY_LENGTH + 1) }, env),
    );
  });
});

describe("editMessage", () => {
  it("replaces the body, marks it edited and re-reads mentions", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "ask @bob" }, env);
    env.advance(10);
    editMessage(doc, alice, { messageId, body: "ask @carol instead" }, env);
    expect(getMessage(doc, messageId)).toMatchObject({
      body: "ask @carol instead",
      mentions: ["carol"],
      edited: true,
    });
  });

  it("merges concurrent edits of different parts of the text", () => {
    const { doc: laptop, env } = newChannel("laptop-");
    const { messageId } = createThread(
      laptop,
      alice,
      { title: "t", body: "The plan is good." },
      env,
    );
    const phone = new Y.Doc();
    syncAll([laptop, phone]);
    editMessage(laptop, alice, { messageId, body: "The new plan is good." }, env);
    editMessage(phone, alice, { messageId, body: "The plan is very good." }, env);
    syncAll([laptop, phone]);
    expect(getMessage(laptop, messageId)?.body).toBe("The new plan is very good.");
    expect(getMessage(phone, messageId)?.body).toBe("The new plan is very good.");
  });

  it("is refused to anyone but the author, even a moderator", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "mine" }, env);
    expectRefused(doc, "not_author", () =>
      editMessage(doc, bob, { messageId, body: "yours" }, env),
    );
  });

  it("is refused on deleted messages and with an empty body", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId } = createThread(doc, alice, { title: "t", body: "mine" }, env);
    expectRefused(doc, "empty_body", () => editMessage(doc, alice, { messageId, body: " " }, env));
    const reply = postMessage(doc, alice, { threadId, body: "oops" }, env);
    deleteMessage(doc, alice, { messageId: reply }, env);
    expectRefused(doc, "message_deleted", () =>
      editMessage(doc, alice, { messageId: reply, body: "x" }, env),
    );
    expectRefused(doc, "not_found", () =>
      editMessage(doc, alice, { messageId: "gone", body: "x" }, env),
    );
  });
});

describe("deleteMessage", () => {
  it("leaves a tombstone that forks still point at", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId } = createThread(doc, alice, { title: "t", body: "hi @bob" }, env);
    const forkId = createFork(doc, bob, { messageId, body: "side note" }, env);
    deleteMessage(doc, alice, { messageId }, env);
    const tombstone = threadView(doc, threadId)?.messages[0];
    expect(tombstone).toMatchObject({
      id: messageId,
      body: "",
      mentions: [],
      deleted: true,
      deletedBy: alice,
    });
    expect(tombstone?.forks.map((fork) => fork.forkId)).toEqual([forkId]);
    expect(forkView(doc, forkId)?.parent?.deleted).toBe(true);
    expect(threadView(doc, threadId)?.thread.messageCount).toBe(0);
  });

  it("is refused to others unless they moderate, and refused twice", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "hi" }, env);
    expectRefused(doc, "not_author", () => deleteMessage(doc, bob, { messageId }, env));
    deleteMessage(doc, bob, { messageId, moderator: true }, env);
    expect(getMessage(doc, messageId)?.deletedBy).toEqual(bob);
    expectRefused(doc, "message_deleted", () => deleteMessage(doc, alice, { messageId }, env));
  });
});
