// Tools with the "ask" policy end to end: the call waits as a step awaiting
// approval; a person's Approve or Deny (a document write, so also one made
// offline and synced later) lets it run or not, and with no decision within
// the agent's approval timeout it is not run. The model is told each outcome.
import { decideToolCall, type ToolDecision, toolStepsOf } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { OpenChannel } from "../../sync-server/test/support/peers.ts";
import { agentReplies, finishedReplies } from "./support/humans.ts";
import { startSplitThread } from "./support/split-channel.ts";
import { STDIO_SERVER, startToolWorld, stepsOf, type ToolWorld } from "./support/tool-world.ts";

const LOOKUP = {
  kind: "reply" as const,
  tokens: ["Checking."],
  toolCalls: [{ id: "toolu_1", name: "fake__lookup", input: { q: "approval" } }],
};

async function askedWorld(limits: Record<string, number> = {}) {
  const world = await startToolWorld();
  await world.setTools({ servers: [{ ...STDIO_SERVER, tools: { lookup: "ask" } }], limits });
  world.fake.enqueue(LOOKUP, { kind: "reply", tokens: ["Done."] });
  const question = await startSplitThread(
    world.member,
    world.workspace.general.id,
    "@claude look it up",
  );
  const channel = question.thread;
  return { world, channel, question };
}

/** The awaiting step's id, once the bridge has shown it. */
async function awaitingStep(channel: OpenChannel, threadId: string): Promise<string> {
  const awaiting = () => {
    const [reply] = agentReplies(channel.doc, threadId);
    return stepsOf(channel.doc, reply).find((step) => step.status === "awaiting");
  };
  await channel.until("a step awaiting approval", () => awaiting() !== undefined);
  return awaiting()?.id ?? "";
}

function toolResult(world: ToolWorld) {
  const messages = world.fake.requests[1]?.body.messages as { content: unknown }[];
  const last = messages.at(-1)?.content as Record<string, unknown>[];
  return last[0];
}

describe("a tool that asks", () => {
  it("runs once a person approves, and says who did", async () => {
    const { world, channel, question } = await askedWorld();
    const stepId = await awaitingStep(channel, question.threadId);
    expect(world.fake.requests).toHaveLength(1);
    decideToolCall(channel.doc, world.member.actor, { stepId, decision: "approve" });

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.body).toBe("Checking.\n\nDone.");
    expect(stepsOf(channel.doc, reply)).toMatchObject([
      { status: "ok", result: "found: approval", summary: "found: approval (approved by member)" },
    ]);
    expect(toolResult(world)).toMatchObject({ content: "found: approval", is_error: false });
  });

  it("is not run when a person denies it, and the model is told", async () => {
    const { world, channel, question } = await askedWorld();
    const stepId = await awaitingStep(channel, question.threadId);
    decideToolCall(channel.doc, world.member.actor, { stepId, decision: "deny" });

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task?.status).toBe("completed");
    expect(stepsOf(channel.doc, reply)).toMatchObject([
      {
        status: "denied",
        summary: "Denied by member",
        result: "Not run: member denied this call.",
      },
    ]);
    expect(toolResult(world)).toMatchObject({ is_error: true });
  });

  it("takes a decision made offline once it syncs", async () => {
    const { world, channel, question } = await askedWorld();
    const stepId = await awaitingStep(channel, question.threadId);
    // The person's copy, cut off from the server: the decision is written there first.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(channel.doc));
    const decision: ToolDecision = "approve";
    decideToolCall(offline, world.member.actor, { stepId, decision });
    expect(
      toolStepsOf(channel.doc, agentReplies(channel.doc, question.threadId)[0]?.id ?? ""),
    ).toMatchObject([{ status: "awaiting" }]);
    // Back online: what it wrote syncs through the person's connection.
    Y.applyUpdate(channel.doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(channel.doc)));

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(stepsOf(channel.doc, reply)).toMatchObject([{ status: "ok" }]);
  });

  it("is not run when nobody decides in time", async () => {
    const { world, channel, question } = await askedWorld({ approvalTimeoutMs: 1_000 });

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(stepsOf(channel.doc, reply)).toMatchObject([
      {
        status: "denied",
        summary: "Not approved in time",
        result: "Not run: no one approved this call within 1 s.",
      },
    ]);
    expect(toolResult(world)).toMatchObject({ is_error: true });
  });
});
