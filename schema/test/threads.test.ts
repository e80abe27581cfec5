import { describe, expect, it } from "vitest";
import {
  type Actor,
  createThread,
  listThreads,
  MAX_BODY_LENGTH,
  MAX_TITLE_LENGTH,
  postMessage,
  setThreadStatus,
  type ThreadStatus,
  threadView,
} from "../src/index.ts";
import { alice, bob, expectRefused, newChannel } from "./support/channel.ts";

describe("createThread", () => {
  it("starts a thread with its first message", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId } = createThread(
      doc,
      alice,
      { title: "Launch", body: "Ship it?" },
      env,
    );
    const view = threadView(doc, threadId);
    expect(view?.thread).toMatchObject({
      title: "Launch",
      status: "active",
      createdBy: alice,
      messageCount: 1,
    });
    expect(view?.messages.map((message) => [message.id, message.body, message.author])).toEqual([
      [messageId, "Ship it?", alice],
    ]);
  });

  it("accepts a body of exactly the limit and refuses one character more", () => {
    const { doc, env } = newChannel();
    createThread(doc, alice, { title: "Long", body: "x".repeat(MAX_BODY_LENGTH) }, env);
    expectRefused(doc, "body_too_long", () =>
      createThread(doc, alice, { title: "Longer", body: "x".repeat(MAX_BODY_LENGTH + 1) }, env),
    );
  });

  it("refuses empty or oversized titles and empty bodies", () => {
    const { doc, env } = newChannel();
    expectRefused(doc, "empty_title", () =>
      createThread(doc, alice, { title: "  ", body: "b" }, env),
    );
    expectRefused(doc, "title_too_long", () =>
      createThread(doc, alice, { title: "t".repeat(MAX_TITLE_LENGTH + 1), body: "b" }, env),
    );
    expectRefused(doc, "empty_body", () =>
      createThread(doc, alice, { title: "t", body: " \n " }, env),
    );
  });

  it("refuses malformed actors", () => {
    const { doc, env } = newChannel();
    const malformed: unknown[] = [
      { kind: "human", id: "" },
      { kind: "human", id: "a|b" },
      { kind: "robot", id: "r2" },
      null,
    ];
    for (const actor of malformed) {
      expectRefused(doc, "invalid_actor", () =>
        createThread(doc, actor as Actor, { title: "t", body: "b" }, env),
      );
    }
  });
});

describe("setThreadStatus", () => {
  it("lets the creator resolve, archive and reopen a thread", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "b" }, env);
    for (const status of ["resolved", "archived", "active"] satisfies ThreadStatus[]) {
      setThreadStatus(doc, alice, { threadId, status });
      expect(threadView(doc, threadId)?.thread.status).toBe(status);
    }
  });

  it("refuses anyone but the creator, unless acting as moderator", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "b" }, env);
    expectRefused(doc, "not_author", () =>
      setThreadStatus(doc, bob, { threadId, status: "archived" }),
    );
    setThreadStatus(doc, bob, { threadId, status: "archived", moderator: true });
    expect(listThreads(doc)[0]?.status).toBe("archived");
  });

  it("refuses unknown statuses and unknown threads", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "b" }, env);
    expectRefused(doc, "invalid_status", () =>
      // @ts-expect-error: a JavaScript caller may pass anything
      setThreadStatus(doc, alice, { threadId, status: "closed" }),
    );
    const error = expectRefused(doc, "not_found", () =>
      setThreadStatus(doc, alice, { threadId: "nope", status: "archived" }),
    );
    expect(error.details).toEqual({ entity: "thread", id: "nope" });
  });

  it("makes an archived thread read-only for new messages", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "b" }, env);
    setThreadStatus(doc, alice, { threadId, status: "archived" });
    expectRefused(doc, "thread_archived", () =>
      postMessage(doc, bob, { threadId, body: "late" }, env),
    );
  });
});
