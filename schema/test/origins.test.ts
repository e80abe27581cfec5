import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  abandonFork,
  appendToReply,
  type ChannelOrigin,
  createFork,
  createThread,
  decideToolCall,
  deleteMessage,
  editMessage,
  finishAgentReply,
  finishToolStep,
  isChannelOrigin,
  type OperationName,
  pinMessage,
  postMessage,
  react,
  resolveFork,
  runToolStep,
  setThreadStatus,
  startAgentReply,
  startToolStep,
  unpinMessage,
  unreact,
} from "../src/index.ts";
import { alice, bob, helper, newChannel } from "./support/channel.ts";

function recordTransactions(doc: Y.Doc): unknown[] {
  const origins: unknown[] = [];
  doc.on("afterTransaction", (transaction) => origins.push(transaction.origin));
  return origins;
}

describe("every operation", () => {
  it("is exactly one transaction with a typed origin naming it", () => {
    const { doc, env } = newChannel();
    const origins = recordTransactions(doc);
    const expectOne = (
      operation: OperationName,
      source: ChannelOrigin["source"],
      run: () => unknown,
    ) => {
      origins.length = 0;
      run();
      expect(origins).toHaveLength(1);
      expect(isChannelOrigin(origins[0])).toBe(true);
      expect(origins[0]).toMatchObject({ operation, source });
    };
    let threadId = "";
    let messageId = "";
    expectOne("createThread", "user", () => {
      ({ threadId, messageId } = createThread(doc, alice, { title: "t", body: "b" }, env));
    });
    let reply = "";
    expectOne("postMessage", "user", () => {
      reply = postMessage(doc, bob, { threadId, body: "r" }, env);
    });
    expectOne("editMessage", "user", () =>
      editMessage(doc, bob, { messageId: reply, body: "r2" }, env),
    );
    expectOne("react", "user", () => react(doc, bob, { messageId, emoji: "👍" }, env));
    expectOne("unreact", "user", () => unreact(doc, bob, { messageId, emoji: "👍" }));
    expectOne("pinMessage", "user", () => pinMessage(doc, bob, { messageId }, env));
    expectOne("unpinMessage", "user", () => unpinMessage(doc, bob, { messageId }));
    let forkId = "";
    expectOne("createFork", "user", () => {
      forkId = createFork(doc, alice, { messageId, body: "side" }, env);
    });
    expectOne("resolveFork", "user", () =>
      resolveFork(doc, alice, { forkId, resolution: "ok" }, env),
    );
    const second = createFork(doc, alice, { messageId }, env);
    expectOne("abandonFork", "user", () => abandonFork(doc, alice, { forkId: second }, env));
    let agentMessage = "";
    expectOne("startAgentReply", "agent", () => {
      agentMessage = startAgentReply(doc, helper, { threadId, taskId: "t1" }, env);
    });
    expectOne("appendToReply", "agent", () =>
      appendToReply(doc, helper, { messageId: agentMessage, taskId: "t1", text: "hi" }),
    );
    let stepId = "";
    expectOne("startToolStep", "agent", () => {
      stepId = startToolStep(
        doc,
        helper,
        { messageId: agentMessage, taskId: "t1", tool: "t", input: {} },
        env,
      );
    });
    let asking = "";
    expectOne("startToolStep", "agent", () => {
      asking = startToolStep(
        doc,
        helper,
        { messageId: agentMessage, taskId: "t1", tool: "t", input: {}, awaitingApproval: true },
        env,
      );
    });
    expectOne("decideToolCall", "user", () =>
      decideToolCall(doc, bob, { stepId: asking, decision: "approve" }, env),
    );
    expectOne("runToolStep", "agent", () => runToolStep(doc, helper, asking, "approved"));
    expectOne("finishToolStep", "agent", () =>
      finishToolStep(doc, helper, {
        stepId,
        status: "ok",
        summary: "s",
        result: "r",
        durationMs: 1,
      }),
    );
    expectOne("finishAgentReply", "agent", () =>
      finishAgentReply(
        doc,
        helper,
        { messageId: agentMessage, taskId: "t1", status: "completed" },
        env,
      ),
    );
    expectOne("deleteMessage", "user", () => deleteMessage(doc, bob, { messageId: reply }, env));
    expectOne("setThreadStatus", "user", () =>
      setThreadStatus(doc, alice, { threadId, status: "archived" }),
    );
  });
});

describe("isChannelOrigin", () => {
  it("tells this package's origins from anything else", () => {
    expect(isChannelOrigin({ source: "user", actor: alice, operation: "postMessage" })).toBe(true);
    expect(
      isChannelOrigin({ source: "agent", actor: helper, operation: "appendToReply", taskId: "t" }),
    ).toBe(true);
    for (const other of [
      null,
      "provider",
      { source: "user", actor: alice },
      { source: "remote", actor: alice, operation: "postMessage" },
      { source: "user", actor: { kind: "human" }, operation: "postMessage" },
      { source: "user", actor: alice, operation: "postMessage", taskId: 7 },
    ]) {
      expect(isChannelOrigin(other)).toBe(false);
    }
  });
});
