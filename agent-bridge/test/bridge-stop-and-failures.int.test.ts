// Stopping a reply mid-stream, and the model API failing: retried after 429
// and 529 (honouring retry-after), a final failure shown with its reason.
import { requestStop } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { startAgentWorld } from "./support/agent-world.ts";
import { agentReplies, finishedReplies } from "./support/humans.ts";
import { startSplitThread } from "./support/split-channel.ts";

const words = (n: number) => Array.from({ length: n }, (_, i) => ` w${i}`);

describe("a running reply", () => {
  it("stops when a person asks, keeping the partial text and its usage, marked cancelled", async () => {
    const tokens = words(400);
    const world = await startAgentWorld({ reply: { kind: "reply", tokens, tokenDelayMs: 5 } });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude tell me everything",
    );
    const channel = question.thread;
    await channel.until(
      "the reply to grow",
      () => (agentReplies(channel.doc, question.threadId)[0]?.body.length ?? 0) > 20,
    );
    const running = agentReplies(channel.doc, question.threadId)[0];
    requestStop(channel.doc, world.member.actor, { messageId: running?.id ?? "" });

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task).toMatchObject({ status: "cancelled", stopReason: "stopped_by_user" });
    expect(reply?.body.length).toBeGreaterThan(20);
    expect(reply?.body.length).toBeLessThan(tokens.join("").length);
    expect(tokens.join("").startsWith(reply?.body ?? "-")).toBe(true);
    // What the model consumed before the stop counts (the fake API reports 42 input tokens).
    expect(reply?.task?.usage?.inputTokens).toBe(42);
    expect(reply?.task?.usage?.outputTokens).toBeGreaterThan(1);
    const [task] = await world.ledgerSettled(question.messageId);
    expect(task?.status).toBe("cancelled");
    expect(task?.inputTokens).toBe(42);
  });
});

describe("the model API failing", () => {
  it("is retried after 429 (with retry-after) and 529, then the reply completes", async () => {
    const world = await startAgentWorld();
    world.fake.enqueue(
      { kind: "error", status: 429, retryAfterSeconds: 0 },
      { kind: "error", status: 529 },
    );
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude are you there?",
    );

    const [reply] = await finishedReplies(question.thread, question.threadId);
    expect(reply?.task?.status).toBe("completed");
    expect(reply?.body).toBe("Hello from the fake model.");
    expect(world.fake.requests).toHaveLength(3);
  });

  it("ends the reply failed with a readable reason when every attempt fails", async () => {
    const world = await startAgentWorld({
      reply: { kind: "error", status: 500, retryAfterSeconds: 0 },
    });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude are you there?",
    );

    const [reply] = await finishedReplies(question.thread, question.threadId);
    expect(reply?.task?.status).toBe("failed");
    expect(reply?.task?.error).toBe(
      "The model API kept failing, even after retrying (HTTP 500: fake 500).",
    );
    expect(reply?.body).toBe("");
    expect(world.fake.requests).toHaveLength(3); // the first attempt and two retries
    const [task] = await world.ledgerSettled(question.messageId);
    expect(task).toMatchObject({ status: "failed", error: reply?.task?.error });
  });
});
