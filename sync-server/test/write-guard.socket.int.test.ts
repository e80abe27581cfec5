// The write guard against forgeries made with raw Yjs over a real provider (no schema operations),
// by a member, an admin's colleague, an agent's bridge: every forged update closes the forger's
// connection with `write-refused`, reaches no other peer, is never stored (also after a
// restart), and the victims' own concurrent work goes on unaffected.
import {
  type Actor,
  CLOSE_CODES,
  CURRENT_SCHEMA_VERSION,
  channelDocumentName,
  createFork,
  createThread,
  formatStamp,
  postMessage,
  react,
  readSchemaVersion,
  threadView,
} from "@openvibe/schema";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { UserRecord } from "../src/accounts/principal.ts";
import { createBridgeKey } from "../src/agents/bridge-keys.ts";
import { TaskQueueSignal } from "../src/agents/task-queue.ts";
import { claimTask, enqueueTask } from "../src/agents/tasks.ts";
import { listAudit } from "../src/audit/audit-log.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const actorOf = (user: UserRecord): Actor => ({ kind: user.kind, id: user.id });
/** Raw stamps of now: a forged write must not look like one written offline long ago. */
const NOW = formatStamp(Date.now());

/** A message entry written by hand, as a raw client would (no schema operation). */
function rawMessage(fields: Record<string, unknown>, body: string): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  for (const [name, value] of Object.entries(fields)) entry.set(name, value);
  entry.set("body", new Y.Text(body));
  return entry;
}

function entryOf(doc: Y.Doc, root: string, key: string): Y.Map<unknown> {
  const entry = doc.getMap(root).get(key);
  if (!(entry instanceof Y.Map)) throw new Error(`no ${root}/${key}`);
  return entry;
}

async function world(overrides: Record<string, string> = {}) {
  const server = await startTestServer(overrides);
  const seed = await seedWorkspace(server.current);
  const admin = actorOf(seed.admin.user);
  const member = actorOf(seed.member.user);
  const agent = actorOf(seed.agent.user);
  const channelId = seed.general.id;
  // The victim: the admin, online throughout, writing while others forge.
  const victimPeer = connectPeer(server.current.websocketUrl, {
    token: await webSocketToken(seed.admin.client),
  });
  const victim = await victimPeer.open(channelId);
  const { threadId, messageId } = createThread(victim.doc, admin, {
    title: "plans",
    body: "the admin's words",
  });
  const forkId = createFork(victim.doc, admin, { messageId, body: "side talk" });
  react(victim.doc, admin, { messageId, emoji: "👍" });
  await victim.acknowledged();

  const forgerIds: number[] = [];
  const legit: string[] = [];
  /** A member's fresh connection to the channel, synced. */
  const memberChannel = async () => {
    const peer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    return peer.open(channelId);
  };
  /**
   * Opens a connection with `open`, forges with `forge` on its replica, and checks that the server
   * refuses it while the victim keeps posting.
   */
  const expectRefused = async (
    name: string,
    forge: (doc: Y.Doc, channel: OpenChannel) => void,
    open: () => Promise<OpenChannel> = memberChannel,
  ) => {
    const forger = await open();
    const forgerId = forger.doc.clientID;
    forgerIds.push(forgerId);
    const closed = withDeadline(forger.closed, `${name}: the forger's connection to close`);
    forge(forger.doc, forger);
    // The victim's own work, concurrent with the forgery.
    legit.push(postMessage(victim.doc, admin, { threadId, body: `still here: ${name}` }));
    expect((await closed).reason, name).toBe(CLOSE_CODES.writeRefused.reason);
    await victim.acknowledged();
    expect(victim.doc.store.clients.has(forgerId), name).toBe(false);
  };
  return {
    server,
    seed,
    admin,
    member,
    agent,
    channelId,
    victim,
    threadId,
    messageId,
    forkId,
    forgerIds,
    legit,
    memberChannel,
    expectRefused,
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** After a restart: no forger's content anywhere, the victim's content intact and complete. */
async function expectStoredStateClean(w: World) {
  const restarted = await w.server.restart();
  const peer = connectPeer(restarted.websocketUrl, { token: w.seed.agent.apiKey });
  const { doc } = await peer.open(w.channelId);
  for (const clientId of w.forgerIds) expect(doc.store.clients.has(clientId)).toBe(false);
  const view = threadView(doc, w.threadId);
  const first = view?.messages.find((m) => m.id === w.messageId);
  expect(first?.body).toBe("the admin's words");
  expect(first?.deleted).toBe(false);
  const bodies = view?.messages.map((m) => m.id) ?? [];
  for (const id of w.legit) expect(bodies).toContain(id);
  expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
  expect(doc.getMap("lateArrivals").size).toBe(0);
  expect(entryOf(doc, "forks", w.forkId).get("status")).toBe("open");
  expect(entryOf(doc, "threads", w.threadId).get("status")).toBe("active");
  expect([...doc.getMap("reactions").keys()]).toEqual([`${w.messageId}|👍|${w.admin.id}`]);
}

describe("the write guard against forgeries", () => {
  it("refuses a member's forged authorship, edits, deletions and server-owned writes", async () => {
    const w = await world();
    const fields = (author: Actor) => ({
      id: "forged-1",
      threadId: w.threadId,
      forkId: null,
      author,
      createdAt: NOW,
      mentions: ["claude"],
      kind: "message",
    });
    await w.expectRefused("posts as the admin", (doc) =>
      doc.getMap("messages").set("forged-1", rawMessage(fields(w.admin), "@claude spend it")),
    );
    await w.expectRefused("rewrites the admin's message", (doc) =>
      (entryOf(doc, "messages", w.messageId).get("body") as Y.Text).insert(0, "not "),
    );
    await w.expectRefused("tombstones the admin's message", (doc) =>
      doc.transact(() => {
        const entry = entryOf(doc, "messages", w.messageId);
        (entry.get("body") as Y.Text).delete(0, 5);
        entry.set("deletedAt", NOW);
        entry.set("deletedBy", w.member);
      }),
    );
    await w.expectRefused("removes the admin's reaction", (doc) =>
      doc.getMap("reactions").delete(`${w.messageId}|👍|${w.admin.id}`),
    );
    await w.expectRefused("writes an agent reply as a human", (doc) =>
      doc.getMap("messages").set(
        "forged-2",
        rawMessage(
          {
            ...fields(w.member),
            id: "forged-2",
            task: { taskId: "t", status: "running", updatedAt: NOW },
          },
          "",
        ),
      ),
    );
    await w.expectRefused("posts as the agent", (doc) =>
      doc
        .getMap("messages")
        .set("forged-3", rawMessage({ ...fields(w.agent), id: "forged-3" }, "hi")),
    );
    await w.expectRefused("archives the admin's thread", (doc) =>
      entryOf(doc, "threads", w.threadId).set("status", "archived"),
    );
    await w.expectRefused("writes late arrivals", (doc) =>
      doc.getMap("lateArrivals").set(w.messageId, 1),
    );
    await w.expectRefused("resolves the admin's fork", (doc) =>
      doc.transact(() => {
        const fork = entryOf(doc, "forks", w.forkId);
        fork.set("status", "resolved");
        fork.set("resolution", {
          text: "done",
          summaryMessageId: w.messageId,
          resolvedBy: w.member,
          resolvedAt: NOW,
        });
      }),
    );
    await w.expectRefused("locks the channel with a schemaVersion", (doc) =>
      doc.getMap("meta").set("schemaVersion", 99),
    );
    await w.expectRefused("writes a key past the length limit", (doc) =>
      doc.getMap("reactions").set(`${"m".repeat(600)}|👍|${w.member.id}`, 1),
    );
    await w.expectRefused("writes an unknown top-level type", (doc) =>
      doc.getMap("settings").set("owner", w.member.id),
    );
    await w.expectRefused("deletes the admin's message entry", (doc) =>
      doc.getMap("messages").delete(w.messageId),
    );
    await w.expectRefused("mixes a legal post with an illegal edit", (doc) =>
      doc.transact(() => {
        postMessage(doc, w.member, { threadId: w.threadId, body: "mine, legal" });
        (entryOf(doc, "messages", w.messageId).get("body") as Y.Text).insert(0, "x");
      }),
    );
    await w.expectRefused("posts a body over the limit", (doc) =>
      doc
        .getMap("messages")
        .set("forged-4", rawMessage({ ...fields(w.member), id: "forged-4" }, "x".repeat(40_001))),
    );
    await w.expectRefused("sends a malformed update", (_doc, channel) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, channelDocumentName(w.channelId));
      encoding.writeVarUint(encoder, 0); // Sync
      encoding.writeVarUint(encoder, 2); // update
      encoding.writeVarUint8Array(encoder, new Uint8Array([0, 1, 200, 200, 200, 200, 7]));
      channel.provider.configuration.websocketProvider.send(encoding.toUint8Array(encoder));
    });
    // The mixed update's legal half was refused with it.
    const bodies = threadView(w.victim.doc, w.threadId)?.messages.map((m) => m.body) ?? [];
    expect(bodies).not.toContain("mine, legal");
    const refusals = listAudit(w.server.current.ctx, { limit: 100 }).filter(
      (entry) => entry.action === "document.write_refused" && entry.actorId === w.member.id,
    );
    expect(refusals.length).toBeGreaterThanOrEqual(15);
    await expectStoredStateClean(w);
  });

  it("refuses content under another principal's client id, which stays its owner's", async () => {
    const w = await world();
    // The forger's replica takes the admin's client id once it is synced.
    const forger = await w.memberChannel();
    const closed = withDeadline(forger.closed, "the forger's connection to close");
    forger.doc.clientID = w.victim.doc.clientID;
    postMessage(forger.doc, w.member, { threadId: w.threadId, body: "under a stolen id" });
    expect((await closed).reason).toBe(CLOSE_CODES.writeRefused.reason);
    // The admin keeps writing under that id, and it all arrives.
    const later = postMessage(w.victim.doc, w.admin, { threadId: w.threadId, body: "mine still" });
    w.legit.push(later);
    await w.victim.acknowledged();
    const bodies = () => threadView(w.victim.doc, w.threadId)?.messages.map((m) => m.body) ?? [];
    expect(bodies()).toContain("mine still");
    expect(bodies()).not.toContain("under a stolen id");
    await expectStoredStateClean(w);
    const restarted = connectPeer(w.server.current.websocketUrl, { token: w.seed.agent.apiKey });
    const { doc } = await restarted.open(w.channelId);
    const stored = threadView(doc, w.threadId)?.messages.map((m) => m.body) ?? [];
    expect(stored).toContain("mine still");
    expect(stored).not.toContain("under a stolen id");
  });

  it("refuses a bridge writing into a task it does not hold", async () => {
    const w = await world();
    const ctx = w.server.current.ctx;
    const queue = new TaskQueueSignal();
    const task = (triggerMessageId: string) =>
      enqueueTask(ctx, queue, {
        kind: "mention",
        agentId: w.agent.id,
        channelId: w.channelId,
        threadId: w.threadId,
        forkId: null,
        triggerMessageId,
        requestedBy: w.member.id,
        depth: 0,
      });
    const held = task(w.messageId);
    const other = task(
      w.legit[0] ?? postMessage(w.victim.doc, w.admin, { threadId: w.threadId, body: "ask" }),
    );
    if (held === null || other === null) throw new Error("tasks not queued");
    const bridgeKey = createBridgeKey(ctx, w.seed.admin.user, "test bridge");
    const claimed = claimTask(ctx, bridgeKey.id, 60_000);
    expect(claimed?.id).toBe(held.id);
    const bridgeChannel = () =>
      connectPeer(w.server.current.websocketUrl, { token: bridgeKey.key }).open(w.channelId);
    const reply = (taskId: string) => (doc: Y.Doc) =>
      doc.getMap("messages").set(
        `reply-${taskId}`,
        rawMessage(
          {
            id: `reply-${taskId}`,
            threadId: w.threadId,
            forkId: null,
            author: w.agent,
            createdAt: NOW,
            mentions: [],
            kind: "message",
            task: { taskId, status: "running", updatedAt: NOW },
          },
          "",
        ),
      );
    await w.expectRefused(
      "a bridge replies for a task it does not hold",
      reply(other.id),
      bridgeChannel,
    );
    // The task it holds it may answer.
    const honest = await bridgeChannel();
    reply(held.id)(honest.doc);
    await honest.acknowledged();
    await w.victim.until("the held task's reply", () =>
      w.victim.doc.getMap("messages").has(`reply-${held.id}`),
    );
    await expectStoredStateClean(w);
  });

  it("closes a principal sending faster than its write rate, with nothing past the burst applied", async () => {
    // One update a second on average, so ten at once.
    const w = await world({ OPENVIBE_WRITES_PER_SECOND: "1" });
    const flooder = await w.memberChannel();
    const closed = withDeadline(flooder.closed, "the flooder's connection to close");
    for (let i = 0; i < 15; i += 1) {
      postMessage(flooder.doc, w.member, { threadId: w.threadId, body: `flood ${i}` });
    }
    expect((await closed).reason).toBe(CLOSE_CODES.tooManyWrites.reason);
    // The admin's own updates count against the admin only: still accepted.
    postMessage(w.victim.doc, w.admin, { threadId: w.threadId, body: "after the flood" });
    await w.victim.acknowledged();
    const flooded = () =>
      (threadView(w.victim.doc, w.threadId)?.messages ?? []).filter((m) =>
        m.body.startsWith("flood"),
      );
    await w.victim.until("the burst on the admin's replica", () => flooded().length === 10);
    expect(flooded().map((m) => m.body)).toEqual(
      Array.from({ length: 10 }, (_, i) => `flood ${i}`),
    );
  });

  it("refuses what would grow a document past its maximum size", async () => {
    const w = await world({ OPENVIBE_MAX_DOCUMENT_BYTES: "65536" });
    const long = "y".repeat(39_000);
    const writer = await w.memberChannel();
    postMessage(writer.doc, w.member, { threadId: w.threadId, body: long });
    await writer.acknowledged();
    await w.expectRefused("posts past the document's maximum size", (doc) =>
      postMessage(doc, w.member, { threadId: w.threadId, body: `${long} again` }),
    );
    const refusals = listAudit(w.server.current.ctx, { limit: 10 }).map((e) => e.details);
    expect(refusals).toContainEqual({ why: "the document is full (65536 bytes)" });
  });
});
