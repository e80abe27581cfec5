import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  abandonFork,
  appendToReply,
  channelContent,
  channelContentProblems,
  createFork,
  createThread,
  deleteMessage,
  editMessage,
  finishAgentReply,
  finishToolStep,
  forkView,
  importChannelContent,
  listThreads,
  pinMessage,
  postMessage,
  react,
  readChannelContent,
  resolveFork,
  setThreadStatus,
  startAgentReply,
  startToolStep,
  threadView,
  validateChannelDocument,
} from "../src/index.ts";
import { alice, bob, expectRefused, helper, newChannel } from "./support/channel.ts";

function everything() {
  const { doc, env } = newChannel();
  const { threadId, messageId } = createThread(
    doc,
    alice,
    { title: "Plans", body: "hi @bob" },
    env,
  );
  const reply = postMessage(doc, bob, { threadId, body: "hello" }, env);
  editMessage(doc, bob, { messageId: reply, body: "hello there" }, env);
  const gone = postMessage(doc, bob, { threadId, body: "oops" }, env);
  deleteMessage(doc, bob, { messageId: gone }, env);
  react(doc, bob, { messageId, emoji: "👍" }, env);
  pinMessage(doc, alice, { messageId }, env);
  const resolved = createFork(doc, alice, { messageId, title: "Aside", body: "side" }, env);
  resolveFork(doc, alice, { forkId: resolved, resolution: "done" }, env);
  const dropped = createFork(doc, bob, { messageId: reply, title: "Other" }, env);
  abandonFork(doc, bob, { forkId: dropped }, env);
  const answer = startAgentReply(doc, helper, { threadId, taskId: "task-1", model: "m" }, env);
  appendToReply(doc, helper, { messageId: answer, taskId: "task-1", text: "an answer" });
  const step = startToolStep(
    doc,
    helper,
    { messageId: answer, taskId: "task-1", tool: "remember", input: { text: "x" } },
    env,
  );
  finishToolStep(doc, helper, {
    stepId: step,
    status: "ok",
    summary: "Remembered",
    result: "Remembered (fact, channel): x",
    durationMs: 3,
  });
  finishAgentReply(
    doc,
    helper,
    {
      messageId: answer,
      taskId: "task-1",
      status: "completed",
      usage: { inputTokens: 5, outputTokens: 7 },
    },
    env,
  );
  const other = createThread(doc, bob, { title: "Old", body: "x" }, env);
  setThreadStatus(doc, bob, { threadId: other.threadId, status: "archived" });
  return doc;
}

describe("readChannelContent and importChannelContent", () => {
  it("copy a channel into a fresh document that reads the same everywhere", () => {
    const doc = everything();
    const content = readChannelContent(doc);
    expect(channelContent.parse(content)).toEqual(content);
    expect(content.toolSteps).toMatchObject([{ tool: "remember", status: "ok", index: 0 }]);
    const copy = new Y.Doc();
    importChannelContent(copy, "general", content);
    expect(readChannelContent(copy)).toEqual(content);
    expect(validateChannelDocument(copy)).toEqual([]);
    const views = (d: Y.Doc) =>
      listThreads(d).map((t) => ({
        view: threadView(d, t.id),
        forks: (threadView(d, t.id)?.messages ?? []).flatMap((m) =>
          m.forks.map((f) => forkView(d, f.forkId)),
        ),
      }));
    expect(views(copy)).toEqual(views(doc));
  });

  it("refuse inconsistent content and documents that hold conversations, changing nothing", () => {
    const content = readChannelContent(everything());
    const [first] = content.messages;
    if (first === undefined) throw new Error("no message");
    const broken = {
      ...content,
      messages: [...content.messages, { ...first, threadId: "nowhere" }],
    };
    expect(channelContentProblems(broken).join("\n")).toContain("the id is used twice");
    expect(channelContentProblems(broken).join("\n")).toContain("no thread nowhere");
    const [step] = content.toolSteps;
    if (step === undefined) throw new Error("no tool step");
    const stray = { ...content, toolSteps: [{ ...step, taskId: "task-2" }] };
    expect(channelContentProblems(stray).join("\n")).toContain("no reply of task task-2");
    const { doc } = newChannel();
    expectRefused(doc, "invalid_input", () => importChannelContent(doc, "general", broken));
    const full = everything();
    expectRefused(full, "invalid_input", () => importChannelContent(full, "general", content));
  });
});
