import { describe, expect, it } from "vitest";
import {
  abandonFork,
  createFork,
  createThread,
  deleteMessage,
  forkView,
  getMessage,
  postMessage,
  resolveFork,
  setThreadStatus,
  threadView,
} from "../src/index.ts";
import { alice, bob, expectRefused, newChannel } from "./support/channel.ts";

function threadWithFork() {
  const channel = newChannel();
  const { doc, env } = channel;
  const { threadId, messageId } = createThread(
    doc,
    alice,
    { title: "Design", body: "Option A or B?" },
    env,
  );
  const forkId = createFork(
    doc,
    bob,
    { messageId, title: "Compare A and B", body: "Let's list pros" },
    env,
  );
  return { ...channel, threadId, parentId: messageId, forkId };
}

describe("createFork", () => {
  it("branches a side conversation marked on its parent message", () => {
    const { doc, env, threadId, parentId, forkId } = threadWithFork();
    postMessage(doc, alice, { threadId, forkId, body: "A is cheaper" }, env);
    const view = forkView(doc, forkId);
    expect(view?.fork).toMatchObject({ title: "Compare A and B", status: "open", createdBy: bob });
    expect(view?.parent?.id).toBe(parentId);
    expect(view?.messages.map((message) => message.body)).toEqual([
      "Let's list pros",
      "A is cheaper",
    ]);
    const parent = threadView(doc, threadId)?.messages[0];
    expect(parent?.forks).toEqual([
      { forkId, title: "Compare A and B", status: "open", messageCount: 2 },
    ]);
    expect(threadView(doc, threadId)?.messages).toHaveLength(1);
  });

  it("is named after the first line of its parent when no title is given", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(
      doc,
      alice,
      { title: "t", body: "  Budget for Q3\nmore" },
      env,
    );
    const forkId = createFork(doc, bob, { messageId }, env);
    expect(forkView(doc, forkId)?.fork.title).toBe("Budget for Q3");
    expect(forkView(doc, forkId)?.messages).toEqual([]);
  });

  it("is named after its parent's first line as plain text, without Markdown syntax", () => {
    const { doc, env } = newChannel();
    const named = (body: string) => {
      const { messageId } = createThread(doc, alice, { title: "t", body }, env);
      return forkView(doc, createFork(doc, bob, { messageId }, env))?.fork.title;
    };
    expect(named("Checking **contrast** and _labels_")).toBe("Checking contrast and labels");
    expect(named("## See [the docs](https://example.com) and `npm test`")).toBe(
      "See the docs and npm test",
    );
    expect(named("- ***very*** ~~old~~ new")).toBe("very old new");
    expect(named("2 * 3 * 4 = 24")).toBe("2 * 3 * 4 = 24");
    expect(named("**")).toBe("**");
  });

  it("is refused from a fork message, a deleted message or an archived thread", () => {
    const { doc, env, threadId, forkId } = threadWithFork();
    const inFork = postMessage(doc, alice, { threadId, forkId, body: "nested?" }, env);
    expectRefused(doc, "invalid_target", () => createFork(doc, alice, { messageId: inFork }, env));
    const gone = postMessage(doc, alice, { threadId, body: "soon deleted" }, env);
    deleteMessage(doc, alice, { messageId: gone }, env);
    expectRefused(doc, "invalid_target", () => createFork(doc, alice, { messageId: gone }, env));
    const live = postMessage(doc, alice, { threadId, body: "live" }, env);
    setThreadStatus(doc, alice, { threadId, status: "archived" });
    expectRefused(doc, "thread_archived", () => createFork(doc, alice, { messageId: live }, env));
    expectRefused(doc, "not_found", () => createFork(doc, alice, { messageId: "nope" }, env));
  });
});

describe("resolveFork", () => {
  it("posts a summary into the main line and keeps it as the resolution", () => {
    const { doc, env, threadId, forkId } = threadWithFork();
    env.advance(60_000);
    const { summaryMessageId } = resolveFork(doc, bob, { forkId, resolution: "Go with A" }, env);
    const summary = getMessage(doc, summaryMessageId);
    expect(summary).toMatchObject({
      kind: "fork-summary",
      summaryOfForkId: forkId,
      forkId: null,
      author: bob,
      body: "Go with A",
    });
    expect(threadView(doc, threadId)?.messages.at(-1)?.id).toBe(summaryMessageId);
    expect(forkView(doc, forkId)?.fork).toMatchObject({
      status: "resolved",
      resolution: { text: "Go with A", summaryMessageId, resolvedBy: bob },
    });
  });

  it("closes the fork to new messages and to a second resolution", () => {
    const { doc, env, threadId, forkId } = threadWithFork();
    resolveFork(doc, bob, { forkId, resolution: "Done" }, env);
    expectRefused(doc, "fork_closed", () =>
      postMessage(doc, alice, { threadId, forkId, body: "wait" }, env),
    );
    expectRefused(doc, "fork_closed", () =>
      resolveFork(doc, bob, { forkId, resolution: "Again" }, env),
    );
    expectRefused(doc, "fork_closed", () => abandonFork(doc, bob, { forkId }, env));
  });

  it("is reserved to the fork's creator or a moderator, and needs a summary", () => {
    const { doc, env, forkId } = threadWithFork();
    expectRefused(doc, "not_author", () =>
      resolveFork(doc, alice, { forkId, resolution: "Mine" }, env),
    );
    expectRefused(doc, "empty_body", () => resolveFork(doc, bob, { forkId, resolution: "" }, env));
    resolveFork(doc, alice, { forkId, resolution: "Moderated", moderator: true }, env);
    expect(forkView(doc, forkId)?.fork.resolution?.resolvedBy).toEqual(alice);
  });
});

describe("abandonFork", () => {
  it("keeps the fork readable but closed", () => {
    const { doc, env, threadId, forkId } = threadWithFork();
    expectRefused(doc, "not_author", () => abandonFork(doc, alice, { forkId }, env));
    abandonFork(doc, bob, { forkId }, env);
    expect(forkView(doc, forkId)?.fork).toMatchObject({
      status: "abandoned",
      closedBy: bob,
      resolution: null,
    });
    expect(forkView(doc, forkId)?.messages).toHaveLength(1);
    expect(threadView(doc, threadId)?.messages[0]?.forks[0]?.status).toBe("abandoned");
    expectRefused(doc, "fork_closed", () =>
      postMessage(doc, bob, { threadId, forkId, body: "hm" }, env),
    );
  });
});
