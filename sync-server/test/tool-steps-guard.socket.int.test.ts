// The write guard on agent replies' tool steps, over a real socket: the bridge holding a task
// shows its tool calls in that task's reply and ends each once; a member, a bridge writing for a
// task it does not hold, and a bridge rewriting or removing a finished step are refused with
// `write-refused`, and nothing of theirs reaches other peers. Decisions on a call awaiting
// approval: a member's own only, never an agent's.
import {
  type Actor,
  CLOSE_CODES,
  decideToolCall,
  finishToolStep,
  formatStamp,
  postMessage,
  startAgentReply,
  startToolStep,
  threadDocumentName,
  toolDecisionOf,
  toolStepsOf,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { createBridgeKey } from "../src/agents/bridge-keys.ts";
import { TaskQueueSignal } from "../src/agents/task-queue.ts";
import { claimTask, enqueueTask } from "../src/agents/tasks.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

describe("tool steps under the write guard", () => {
  it("lets the task's bridge write its steps and refuses everyone else", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const ctx = server.current.ctx;
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const agent: Actor = { kind: "agent", id: seed.agent.user.id };
    const channelId = seed.general.id;
    const memberPeer = async () =>
      connectPeer(server.current.websocketUrl, { token: await webSocketToken(seed.member.client) });
    // The thread's document (the channel is split) holds the reply and its steps.
    const started = await channelReplica(await memberPeer(), channelId).createThread(member, {
      title: "tools",
      body: "look it up",
    });
    const { threadId, messageId, thread: watcher } = started;
    const name = threadDocumentName(channelId, threadId);
    const memberChannel = async () => (await memberPeer()).openDocument(name);
    const second = postMessage(watcher.doc, member, { threadId, body: "and this" });
    await watcher.acknowledged();

    const queue = new TaskQueueSignal();
    const task = (triggerMessageId: string) => {
      const queued = enqueueTask(ctx, queue, {
        kind: "mention",
        agentId: agent.id,
        channelId,
        threadId,
        forkId: null,
        triggerMessageId,
        requestedBy: member.id,
        depth: 0,
      });
      if (queued === null) throw new Error("task not queued");
      return queued;
    };
    const held = task(messageId);
    const other = task(second);
    const bridgeKey = createBridgeKey(ctx, seed.admin.user, "test bridge");
    expect(claimTask(ctx, bridgeKey.id, 60_000)?.id).toBe(held.id);
    const bridgeChannel = () =>
      connectPeer(server.current.websocketUrl, { token: bridgeKey.key }).openDocument(name);

    // The honest bridge: a reply, one step started and ended.
    const bridge = await bridgeChannel();
    const replyId = startAgentReply(bridge.doc, agent, { threadId, taskId: held.id });
    const stepId = startToolStep(bridge.doc, agent, {
      messageId: replyId,
      taskId: held.id,
      tool: "docs__search",
      input: { q: "lease" },
    });
    finishToolStep(bridge.doc, agent, {
      stepId,
      status: "ok",
      summary: "3 results",
      result: "a, b, c",
      durationMs: 12,
    });
    await bridge.acknowledged();
    await watcher.until("the step to arrive", () => toolStepsOf(watcher.doc, replyId).length > 0);
    expect(toolStepsOf(watcher.doc, replyId)).toMatchObject([
      { tool: "docs__search", input: '{"q":"lease"}', status: "ok", result: "a, b, c" },
    ]);

    const step = (taskId: string, fields: Record<string, unknown> = {}) => ({
      messageId: replyId,
      taskId,
      agent,
      index: 1,
      tool: "docs__search",
      input: "{}",
      status: "running",
      summary: "",
      result: "",
      startedAt: formatStamp(Date.now()),
      durationMs: null,
      ...fields,
    });
    const expectRefused = async (
      name: string,
      open: () => Promise<OpenChannel>,
      forge: (doc: Y.Doc) => void,
    ) => {
      const forger = await open();
      const closed = withDeadline(forger.closed, `${name}: the forger's connection to close`);
      forge(forger.doc);
      expect((await closed).reason, name).toBe(CLOSE_CODES.writeRefused.reason);
    };
    await expectRefused("a member writes a step as the agent", memberChannel, (doc) =>
      doc.getMap("toolSteps").set("forged-1", step(held.id)),
    );
    await expectRefused("a bridge writes a step of a task it does not hold", bridgeChannel, (doc) =>
      doc.getMap("toolSteps").set("forged-2", step(other.id)),
    );
    await expectRefused("a bridge rewrites a finished step", bridgeChannel, (doc) =>
      doc.getMap("toolSteps").set(stepId, { ...step(held.id), index: 0, result: "other" }),
    );
    await expectRefused("a bridge removes a step", bridgeChannel, (doc) =>
      doc.getMap("toolSteps").delete(stepId),
    );
    await expectRefused("a step outside its task's reply", bridgeChannel, (doc) =>
      doc.getMap("toolSteps").set("forged-3", step(held.id, { messageId })),
    );

    postMessage(watcher.doc, member, { threadId, body: "still here" });
    await watcher.acknowledged();
    const keys = [...watcher.doc.getMap("toolSteps").keys()];
    expect(keys).toEqual([stepId]);
    expect(toolStepsOf(watcher.doc, replyId)[0]?.result).toBe("a, b, c");

    // A call awaiting approval: a member decides under their own key; nobody else's, no agent.
    const honest = await bridgeChannel();
    const asking = startToolStep(honest.doc, agent, {
      messageId: replyId,
      taskId: held.id,
      tool: "docs__delete",
      input: {},
      awaitingApproval: true,
    });
    await honest.acknowledged();
    await watcher.until("the awaiting step", () => toolStepsOf(watcher.doc, replyId).length === 2);
    decideToolCall(watcher.doc, member, { stepId: asking, decision: "approve" });
    await watcher.acknowledged();
    await honest.until("the decision", () => toolDecisionOf(honest.doc, asking) !== null);
    const decision = { decision: "deny", at: Date.now() };
    await expectRefused("a member decides for someone else", memberChannel, (doc) =>
      doc.getMap("toolDecisions").set(`${asking}|${seed.admin.user.id}`, decision),
    );
    await expectRefused("an agent decides on its own call", bridgeChannel, (doc) =>
      doc.getMap("toolDecisions").set(`${asking}|${agent.id}`, decision),
    );
    expect(toolDecisionOf(watcher.doc, asking)).toMatchObject({
      decision: "approve",
      actorId: member.id,
    });
  });
});
