import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createFork,
  createManualEnv,
  createThread,
  listThreads,
  postMessage,
  stampWallTime,
  threadView,
} from "../src/index.ts";
import { alice, bob, newChannel, syncAll, syncInto } from "./support/channel.ts";

describe("message order", () => {
  it("puts a reply after the message it answers even when the replier's clock is behind", () => {
    const { doc: ahead, env: aheadEnv } = newChannel("ahead-");
    aheadEnv.setNow(1_700_000_600_000);
    const { threadId, messageId: question } = createThread(
      ahead,
      alice,
      { title: "t", body: "?" },
      aheadEnv,
    );
    const behind = new Y.Doc();
    syncInto(ahead, behind);
    const behindEnv = createManualEnv({ startMs: 1_700_000_000_000, idPrefix: "behind-" });
    const answer = postMessage(behind, bob, { threadId, body: "!" }, behindEnv);
    syncAll([ahead, behind]);
    for (const doc of [ahead, behind]) {
      expect(threadView(doc, threadId)?.messages.map((message) => message.id)).toEqual([
        question,
        answer,
      ]);
    }
    const [questionView, answerView] = threadView(ahead, threadId)?.messages ?? [];
    expect(stampWallTime(answerView?.createdAt ?? "")).toBe(
      stampWallTime(questionView?.createdAt ?? ""),
    );
  });

  it("orders concurrent offline messages by time, not by who synced first", () => {
    const { doc: first, env } = newChannel("first-");
    const { threadId } = createThread(first, alice, { title: "t", body: "start" }, env);
    const second = new Y.Doc();
    syncInto(first, second);
    const laterEnv = createManualEnv({ startMs: env.now() + 5_000, idPrefix: "later-" });
    const earlierEnv = createManualEnv({ startMs: env.now() + 1_000, idPrefix: "earlier-" });
    const late = postMessage(first, alice, { threadId, body: "later" }, laterEnv);
    const early = postMessage(second, bob, { threadId, body: "earlier" }, earlierEnv);
    syncAll([first, second]);
    const ids = threadView(second, threadId)
      ?.messages.slice(1)
      .map((message) => message.id);
    expect(ids).toEqual([early, late]);
  });

  it("lists the thread with the latest activity first, counting activity in forks", () => {
    const { doc, env } = newChannel();
    const older = createThread(doc, alice, { title: "older", body: "a" }, env);
    env.advance(1_000);
    createThread(doc, alice, { title: "newer", body: "b" }, env);
    expect(listThreads(doc).map((thread) => thread.title)).toEqual(["newer", "older"]);
    env.advance(1_000);
    createFork(doc, bob, { messageId: older.messageId, body: "side talk" }, env);
    expect(listThreads(doc).map((thread) => thread.title)).toEqual(["older", "newer"]);
    expect(listThreads(doc)[0]?.messageCount).toBe(1);
  });

  it("breaks ties in thread activity by id", () => {
    const { doc, env } = newChannel();
    const first = createThread(doc, alice, { title: "first", body: "a" }, env);
    const second = createThread(doc, bob, { title: "second", body: "b" }, env);
    expect(listThreads(doc).map((thread) => thread.id)).toEqual([first.threadId, second.threadId]);
  });
});
