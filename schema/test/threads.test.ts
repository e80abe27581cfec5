import { describe, expect, it } from "vitest";
import {
  type Actor,
  createThread,
  listThreads,
  MAX_BODY_LENGTH,
  MAX_TITLE_LENGTH,
  postMessage,
  renameThread,
  setThreadStatus,
  type ThreadStatus,
  threadView,
  UNTITLED_THREAD,
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

  it("refuses oversized titles and empty bodies", () => {
    const { doc, env } = newChannel();
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

describe("createThread without a title (quick posting)", () => {
  it("takes the body's first line as plain text, cut to the longest title", () => {
    const { doc, env } = newChannel();
    const titleOf = (input: { title?: string; body: string }) =>
      threadView(doc, createThread(doc, alice, input, env).threadId)?.thread.title;
    expect(titleOf({ body: "**Lunch** at [noon](https://x.test)?\nsecond line" })).toBe(
      "Lunch at noon?",
    );
    expect(titleOf({ title: "  ", body: "\n\n  Budget\tplan  \nmore" })).toBe("Budget plan");
    expect(titleOf({ body: "```\ncode\n```" })).toBe(UNTITLED_THREAD);
    const long = titleOf({ body: "word ".repeat(100) });
    expect(long).toHaveLength(MAX_TITLE_LENGTH);
    expect(long?.endsWith("…")).toBe(true);
    expect(titleOf({ title: "Given", body: "first line" })).toBe("Given");
  });
});

describe("renameThread", () => {
  it("lets the creator or a moderator rename a thread, and no one else", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { body: "first line" }, env);
    renameThread(doc, alice, { threadId, title: "A better title" });
    expect(threadView(doc, threadId)?.thread.title).toBe("A better title");
    expectRefused(doc, "not_author", () => renameThread(doc, bob, { threadId, title: "Mine" }));
    renameThread(doc, bob, { threadId, title: "Moderated", moderator: true });
    expect(listThreads(doc)[0]?.title).toBe("Moderated");
    expectRefused(doc, "empty_title", () => renameThread(doc, alice, { threadId, title: " " }));
    expectRefused(doc, "title_too_long", () =>
      renameThread(doc, alice, { threadId, title: "t".repeat(MAX_TITLE_LENGTH + 1) }),
    );
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
