// The write guard keeps an agent's reply with its task: a bridge holding one task of an agent
// may not rewrite, finish or re-point that agent's reply of another task in the channel, while
// the reply of the task it holds it streams and finishes as usual.
import {
  type Actor,
  appendToReply,
  createThread,
  finishAgentReply,
  formatStamp,
  initChannel,
  startAgentReply,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";

const member: Actor = { kind: "human", id: "member-1" };
const agent: Actor = { kind: "agent", id: "agent-1" };

function world() {
  const server = new Y.Doc();
  initChannel(server, "channel-1");
  const { threadId } = createThread(server, member, { title: "t", body: "@agent hi" });
  // The reply of task-1, written by the bridge that held task-1.
  const earlier = startAgentReply(server, agent, { threadId, taskId: "task-1" });
  appendToReply(server, agent, { messageId: earlier, taskId: "task-1", text: "the answer" });
  // Another bridge now holds task-2 of the same agent.
  const bridge = new PeerReplica(
    server,
    testWriter(agent, { tasks: ["task-2"] }),
    new MemoryClientIdOwners(),
  );
  return { bridge, threadId, earlier };
}

const entryOf = (doc: Y.Doc, id: string) => doc.getMap("messages").get(id) as Y.Map<unknown>;

describe("the write guard and agent replies of other tasks", () => {
  it("refuses a bridge rewriting, finishing or re-pointing a reply of a task it does not hold", () => {
    const forgeries: Record<string, (doc: Y.Doc, id: string) => void> = {
      rewrites: (doc, id) => (entryOf(doc, id).get("body") as Y.Text).insert(0, "not "),
      finishes: (doc, id) =>
        entryOf(doc, id).set("task", {
          taskId: "task-1",
          status: "failed",
          updatedAt: formatStamp(Date.now()),
        }),
      "re-points": (doc, id) =>
        entryOf(doc, id).set("task", {
          taskId: "task-2",
          status: "completed",
          updatedAt: formatStamp(Date.now()),
        }),
    };
    for (const [name, forge] of Object.entries(forgeries)) {
      const { bridge, earlier } = world();
      const update = bridge.sent((doc) => forge(doc, earlier));
      expect(bridge.inspect(update), name).toMatchObject({ allowed: false });
    }
  });

  it("allows the bridge's own task's reply to stream and finish", () => {
    const { bridge, threadId } = world();
    const reply = bridge.sent((doc) => {
      const id = startAgentReply(doc, agent, { threadId, taskId: "task-2" });
      appendToReply(doc, agent, { messageId: id, taskId: "task-2", text: "mine" });
    });
    expect(bridge.deliver(reply)).toMatchObject({ allowed: true });
    const id = [...bridge.doc.getMap("messages").keys()].find(
      (key) => (entryOf(bridge.doc, key).get("task") as { taskId?: string })?.taskId === "task-2",
    );
    if (id === undefined) throw new Error("no reply of task-2");
    const more = bridge.sent((doc) =>
      appendToReply(doc, agent, { messageId: id, taskId: "task-2", text: " and more" }),
    );
    expect(bridge.deliver(more)).toMatchObject({ allowed: true });
    const done = bridge.sent((doc) =>
      finishAgentReply(doc, agent, { messageId: id, taskId: "task-2", status: "completed" }),
    );
    expect(bridge.deliver(done)).toMatchObject({ allowed: true });
  });
});
