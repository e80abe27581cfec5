import { describe, expect, it } from "vitest";
import {
  appendToReply,
  createThread,
  deleteMessage,
  finishAgentReply,
  getMessage,
  isChannelOrigin,
  MAX_BODY_LENGTH,
  startAgentReply,
  threadView,
} from "../src/index.ts";
import { alice, expectRefused, helper, newChannel, reviewer } from "./support/channel.ts";

function runningReply() {
  const channel = newChannel();
  const { doc, env } = channel;
  const { threadId } = createThread(doc, alice, { title: "t", body: "@helper summarise" }, env);
  const messageId = startAgentReply(
    doc,
    helper,
    { threadId, taskId: "task-1", model: "claude-x" },
    env,
  );
  return { ...channel, threadId, messageId };
}

describe("agent replies", () => {
  it("appear at once as an empty running message", () => {
    const { doc, threadId, messageId } = runningReply();
    const reply = threadView(doc, threadId)?.messages.at(-1);
    expect(reply).toMatchObject({ id: messageId, body: "", author: helper });
    expect(reply?.task).toMatchObject({ taskId: "task-1", status: "running", model: "claude-x" });
  });

  it("grow by appends and end with usage, model and mentions recorded", () => {
    const { doc, env, messageId } = runningReply();
    for (const chunk of ["Here is ", "the summary, ", "@Alice."]) {
      appendToReply(doc, helper, { messageId, taskId: "task-1", text: chunk });
    }
    expect(getMessage(doc, messageId)?.body).toBe("Here is the summary, @Alice.");
    expect(getMessage(doc, messageId)?.mentions).toEqual([]);
    finishAgentReply(
      doc,
      helper,
      {
        messageId,
        taskId: "task-1",
        status: "completed",
        usage: { inputTokens: 120, outputTokens: 30 },
        stopReason: "end_turn",
      },
      env,
    );
    expect(getMessage(doc, messageId)).toMatchObject({
      mentions: ["alice"],
      task: {
        status: "completed",
        model: "claude-x",
        usage: { inputTokens: 120, outputTokens: 30 },
        stopReason: "end_turn",
        error: null,
      },
    });
  });

  it("record a failure visibly", () => {
    const { doc, env, messageId } = runningReply();
    finishAgentReply(
      doc,
      helper,
      { messageId, taskId: "task-1", status: "failed", error: "overloaded" },
      env,
    );
    expect(getMessage(doc, messageId)?.task).toMatchObject({
      status: "failed",
      error: "overloaded",
    });
  });

  it("show a failed or stopped reply as retried once the same task replies again", () => {
    const { doc, env, threadId, messageId } = runningReply();
    finishAgentReply(doc, helper, { messageId, taskId: "task-1", status: "failed" }, env);
    expect(getMessage(doc, messageId)?.task?.retriedBy).toBeNull();
    const retry = startAgentReply(doc, helper, { threadId, taskId: "task-1" }, env);
    finishAgentReply(doc, helper, { messageId: retry, taskId: "task-1", status: "cancelled" }, env);
    const again = startAgentReply(doc, helper, { threadId, taskId: "task-1" }, env);
    expect(getMessage(doc, messageId)?.task?.retriedBy).toBe(retry);
    expect(getMessage(doc, retry)?.task?.retriedBy).toBe(again);
    expect(getMessage(doc, again)?.task?.retriedBy).toBeNull();
    // Another task's later reply is no retry.
    const other = runningReply();
    finishAgentReply(
      other.doc,
      helper,
      { messageId: other.messageId, taskId: "task-1", status: "failed" },
      other.env,
    );
    startAgentReply(other.doc, helper, { threadId: other.threadId, taskId: "task-2" }, other.env);
    expect(getMessage(other.doc, other.messageId)?.task?.retriedBy).toBeNull();
  });

  it("tag each transaction with the task id", () => {
    const { doc, messageId } = runningReply();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (transaction) => origins.push(transaction.origin));
    appendToReply(doc, helper, { messageId, taskId: "task-1", text: "hi" });
    expect(origins).toHaveLength(1);
    expect(isChannelOrigin(origins[0])).toBe(true);
    expect(origins[0]).toMatchObject({
      source: "agent",
      taskId: "task-1",
      operation: "appendToReply",
    });
  });

  it("can only be started by agents", () => {
    const { doc, env, threadId } = runningReply();
    expectRefused(doc, "invalid_actor", () =>
      startAgentReply(doc, alice, { threadId, taskId: "t2" }, env),
    );
  });

  it("refuse writes from another agent, another task or after the end", () => {
    const { doc, env, messageId } = runningReply();
    expectRefused(doc, "not_author", () =>
      appendToReply(doc, reviewer, { messageId, taskId: "task-1", text: "x" }),
    );
    expectRefused(doc, "task_mismatch", () =>
      appendToReply(doc, helper, { messageId, taskId: "task-2", text: "x" }),
    );
    expectRefused(doc, "invalid_status", () =>
      // @ts-expect-error: a JavaScript caller may pass anything
      finishAgentReply(doc, helper, { messageId, taskId: "task-1", status: "running" }, env),
    );
    finishAgentReply(doc, helper, { messageId, taskId: "task-1", status: "cancelled" }, env);
    expectRefused(doc, "task_finished", () =>
      appendToReply(doc, helper, { messageId, taskId: "task-1", text: "late" }),
    );
    expectRefused(doc, "task_finished", () =>
      finishAgentReply(doc, helper, { messageId, taskId: "task-1", status: "completed" }, env),
    );
  });

  it("stop at the body limit and when the message was deleted by a moderator", () => {
    const { doc, env, messageId } = runningReply();
    appendToReply(doc, helper, { messageId, taskId: "task-1", text: "x".repeat(MAX_BODY_LENGTH) });
    expectRefused(doc, "body_too_long", () =>
      appendToReply(doc, helper, { messageId, taskId: "task-1", text: "y" }),
    );
    deleteMessage(doc, alice, { messageId, moderator: true }, env);
    expectRefused(doc, "message_deleted", () =>
      appendToReply(doc, helper, { messageId, taskId: "task-1", text: "" }),
    );
  });
});
