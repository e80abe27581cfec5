// The write guard never refuses an honest client: every schema operation, as every role (admin
// moderating, members, a guest reacting, an agent holding its tasks), in random sequences, is
// allowed by the guard's inspector — online (each write sent at once) and offline (a peer's
// writes gathered and sent as one sync step 2).
import {
  type Actor,
  abandonFork,
  appendToReply,
  createFork,
  createThread,
  decideToolCall,
  deleteMessage,
  editMessage,
  finishAgentReply,
  finishToolStep,
  initChannel,
  isChannelError,
  pinMessage,
  postMessage,
  react,
  removeLinkPreview,
  renameThread,
  requestForkSummary,
  requestStop,
  requestThreadSummary,
  resolveFork,
  runToolStep,
  setThreadStatus,
  startAgentReply,
  startToolStep,
  unpinMessage,
  unreact,
} from "@openvibe/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";

const admin: Actor = { kind: "human", id: "admin-1" };
const member: Actor = { kind: "human", id: "member-1" };
const colleague: Actor = { kind: "human", id: "member-2" };
const guest: Actor = { kind: "human", id: "guest-1" };
const agent: Actor = { kind: "agent", id: "agent-1" };
const TASKS = ["task-1", "task-2", "task-3", "task-4"];
const EMOJI = ["👍", "🎉", "👀"];

function world() {
  const server = new Y.Doc();
  initChannel(server, "channel-1");
  const owners = new MemoryClientIdOwners();
  const peer = (actor: Actor, options: Parameters<typeof testWriter>[1] = {}) =>
    new PeerReplica(server, testWriter(actor, options), owners);
  // A channel with something to act on: threads, messages, a fork, agent replies in progress.
  const { threadId, messageId } = createThread(server, member, { title: "plans", body: "hello" });
  createThread(server, colleague, { title: "other", body: "hi there" });
  postMessage(server, admin, { threadId, body: "welcome" });
  const forkId = createFork(server, member, { messageId, body: "side" });
  startAgentReply(server, agent, { threadId, taskId: "task-1" });
  startAgentReply(server, agent, { threadId, taskId: "task-2", summaryOfForkId: forkId });
  return {
    server,
    peers: [
      peer(admin, { moderator: true }),
      peer(member),
      peer(colleague),
      peer(guest, { access: "react" }),
      peer(agent, { tasks: TASKS }),
    ],
  };
}

const keysOf = (doc: Y.Doc, root: string) => [...doc.getMap(root).keys()].sort();
/** The agent's own replies (the bridge knows them from its tasks). */
function ownReplies(doc: Y.Doc, actor: Actor): string[] {
  const messages = doc.getMap("messages");
  return keysOf(doc, "messages").filter((key) => {
    const entry = messages.get(key);
    const author = entry instanceof Y.Map ? (entry.get("author") as Actor | undefined) : undefined;
    return author?.id === actor.id;
  });
}
const pick = (values: readonly string[], n: number) => values[n % Math.max(1, values.length)];

/** The operations an honest client of this role offers, applied to `doc` with picks `n`. */
function operate(peer: PeerReplica, op: number, n: number, text: string): void {
  const { doc, writer } = peer;
  const actor = writer.actor;
  const moderator = writer.moderator;
  const thread = pick(keysOf(doc, "threads"), n) ?? "none";
  const message = pick(keysOf(doc, "messages"), n) ?? "none";
  const fork = pick(keysOf(doc, "forks"), n) ?? "none";
  const emoji = pick(EMOJI, n) ?? "👍";
  const body = `${text} #${n}`;
  if (writer.access === "react") {
    if (op % 2 === 0) react(doc, actor, { messageId: message, emoji });
    else unreact(doc, actor, { messageId: message, emoji });
    return;
  }
  if (actor.kind === "agent") {
    const taskId = pick(TASKS, n) ?? "task-1";
    const reply = pick(ownReplies(doc, actor), op) ?? "none";
    const ops = [
      () => startAgentReply(doc, actor, { threadId: thread, taskId }),
      () => startAgentReply(doc, actor, { threadId: thread, taskId, summaryOfForkId: fork }),
      () => appendToReply(doc, actor, { messageId: reply, taskId, text: body }),
      () =>
        finishAgentReply(doc, actor, {
          messageId: reply,
          taskId,
          status: "completed",
          usage: { inputTokens: n, outputTokens: op },
        }),
      () => resolveFork(doc, actor, { forkId: fork, summaryMessageId: reply, moderator: true }),
      () => react(doc, actor, { messageId: message, emoji }),
      () =>
        startToolStep(doc, actor, {
          messageId: reply,
          taskId,
          tool: "t",
          input: { n },
          awaitingApproval: n % 2 === 0,
        }),
      () => runToolStep(doc, actor, pick(keysOf(doc, "toolSteps"), op) ?? "none", text),
      () =>
        finishToolStep(doc, actor, {
          stepId: pick(keysOf(doc, "toolSteps"), op) ?? "none",
          status: "ok",
          summary: text,
          result: body,
          durationMs: n,
        }),
    ];
    ops[op % ops.length]?.();
    return;
  }
  const ops = [
    () => createThread(doc, actor, { title: `t ${text}`, body }),
    () => createThread(doc, actor, { body }),
    () => renameThread(doc, actor, { threadId: thread, title: `renamed ${text}`, moderator }),
    () => postMessage(doc, actor, { threadId: thread, body }),
    () => postMessage(doc, actor, { threadId: thread, forkId: fork, body }),
    () => editMessage(doc, actor, { messageId: message, body: `${body} (edited)` }),
    () => deleteMessage(doc, actor, { messageId: message, moderator }),
    () => removeLinkPreview(doc, actor, { messageId: message }),
    () => react(doc, actor, { messageId: message, emoji }),
    () => unreact(doc, actor, { messageId: message, emoji }),
    () => pinMessage(doc, actor, { messageId: message }),
    () => unpinMessage(doc, actor, { messageId: message, moderator }),
    () => createFork(doc, actor, { messageId: message, body }),
    () => resolveFork(doc, actor, { forkId: fork, resolution: body, moderator }),
    () => abandonFork(doc, actor, { forkId: fork, moderator }),
    () => setThreadStatus(doc, actor, { threadId: thread, status: "resolved", moderator }),
    () => setThreadStatus(doc, actor, { threadId: thread, status: "archived", moderator }),
    () => setThreadStatus(doc, actor, { threadId: thread, status: "active", moderator }),
    () => requestStop(doc, actor, { messageId: message }),
    () => requestForkSummary(doc, actor, { forkId: fork, moderator }),
    () => requestThreadSummary(doc, actor, { threadId: thread }),
    () =>
      decideToolCall(doc, actor, {
        stepId: pick(keysOf(doc, "toolSteps"), n) ?? "none",
        decision: op % 2 === 0 ? "approve" : "deny",
      }),
  ];
  ops[op % ops.length]?.();
}

function tryEdit(peer: PeerReplica, messageId: string, body: string): void {
  try {
    editMessage(peer.doc, member, { messageId, body });
  } catch (error) {
    if (!isChannelError(error)) throw error;
  }
}

/** Runs one operation; an operation's own refusal (a ChannelError) means the client sends nothing. */
function tryOperate(peer: PeerReplica, op: number, n: number, text: string): void {
  try {
    operate(peer, op, n, text);
  } catch (error) {
    if (!isChannelError(error)) throw error;
  }
}

const step = fc.record({
  peer: fc.nat(4),
  op: fc.nat(39),
  n: fc.nat(50),
  text: fc.string({ maxLength: 12 }),
});

describe("the write guard and honest clients", () => {
  it("allows every operation of every role, sent at once", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const w = world();
        for (const { peer: index, op, n, text } of steps) {
          const peer = w.peers[index];
          if (peer === undefined) continue;
          peer.pull();
          const update = peer.sent(() => tryOperate(peer, op, n, text));
          if (update.byteLength <= 2) continue; // the operation wrote nothing
          const inspection = peer.deliver(update);
          expect(inspection, `${peer.writer.actor.id} op ${op}`).toMatchObject({ allowed: true });
        }
      }),
      { numRuns: 150 },
    );
  });

  it("allows one person's concurrent edits from two devices, keeping every earlier text", () => {
    const edits = fc.array(
      fc.string({ maxLength: 8 }).map((text) => `edit ${text}`),
      {
        minLength: 1,
        maxLength: 6,
      },
    );
    fc.assert(
      fc.property(edits, edits, fc.boolean(), (first, second, firstSyncsFirst) => {
        const w = world();
        const messageId = keysOf(w.server, "messages").find(
          (key) =>
            (w.server.getMap("messages").get(key) as Y.Map<unknown>).get("author") !== undefined &&
            ((w.server.getMap("messages").get(key) as Y.Map<unknown>).get("author") as Actor).id ===
              member.id,
        );
        if (messageId === undefined) throw new Error("no message of the member");
        const owners = new MemoryClientIdOwners();
        const devices = [first, second].map((bodies) => {
          const device = new PeerReplica(w.server, testWriter(member), owners);
          for (const body of bodies) tryEdit(device, messageId, body);
          return device;
        });
        const order = firstSyncsFirst ? devices : [...devices].reverse();
        for (const device of order) {
          expect(device.deliver(device.pending())).toMatchObject({ allowed: true });
        }
        const kept = [...w.server.getMap("messageVersions").values()].length;
        const made = devices.reduce(
          (sum, device) => sum + device.doc.getMap("messageVersions").size,
          0,
        );
        expect(kept).toBe(made);
      }),
      { numRuns: 100 },
    );
  });

  it("allows a peer's offline writes sent together as one sync step 2", () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.array(step, { minLength: 1, maxLength: 30 }),
        (shared, offline) => {
          const w = world();
          for (const { peer: index, op, n, text } of shared) {
            const peer = w.peers[index];
            if (peer === undefined) continue;
            peer.pull();
            peer.deliver(peer.sent(() => tryOperate(peer, op, n, text)));
          }
          const peer = w.peers[(offline[0]?.peer ?? 0) % w.peers.length];
          if (peer === undefined) return;
          peer.pull();
          for (const { op, n, text } of offline) tryOperate(peer, op, n, text);
          expect(peer.deliver(peer.pending())).toMatchObject({ allowed: true });
        },
      ),
      { numRuns: 150 },
    );
  });
});
