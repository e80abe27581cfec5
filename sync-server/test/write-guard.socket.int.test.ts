// The write guard against forgeries made with raw Yjs over a real provider (no schema operations),
// by a member, an admin's colleague, an agent's bridge, into a thread document of a split channel
// (where a thread's content lives): every forged update closes the forger's
// connection with `write-refused`, reaches no other peer, is never stored (also after a
// restart), and the victims' own concurrent work goes on unaffected.

import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import {
  type Actor,
  CLOSE_CODES,
  CURRENT_SCHEMA_VERSION,
  createFork,
  formatStamp,
  postMessage,
  react,
  readSchemaVersion,
  readTooFast,
  reasonName,
  requestThreadSummary,
  startAgentReply,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { eq } from "drizzle-orm";
import * as encoding from "lib0/encoding";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import type { UserRecord } from "../src/accounts/principal.ts";
import { createBridgeKey } from "../src/agents/bridge-keys.ts";
import { TaskQueueSignal } from "../src/agents/task-queue.ts";
import { claimTask, enqueueTask } from "../src/agents/tasks.ts";
import { listAudit } from "../src/audit/audit-log.ts";
import { agentTasks, documents } from "../src/db/schema.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { withDeadline } from "./support/deadline.ts";
import { emptyItemUpdate } from "./support/empty-item-update.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { pollUntil } from "./support/wait-for.ts";
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

/** A message in the admin's name that mentions the agent (a forged request for its work). */
function forgedMention(w: { threadId: string; admin: unknown }): Y.Map<unknown> {
  return rawMessage(
    {
      id: "forged-mention",
      threadId: w.threadId,
      forkId: null,
      author: w.admin,
      createdAt: NOW,
      mentions: ["claude"],
      kind: "message",
    },
    "@claude spend it",
  );
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
  // Its content lives in the thread's own document (the channel is split): the forgers' target.
  const started = await channelReplica(victimPeer, channelId).createThread(admin, {
    title: "plans",
    body: "the admin's words",
  });
  const { threadId, messageId, thread: victim } = started;
  const documentName = threadDocumentName(channelId, threadId);
  const forkId = createFork(victim.doc, admin, { messageId, body: "side talk" });
  react(victim.doc, admin, { messageId, emoji: "👍" });
  await victim.acknowledged();

  const forgerIds: number[] = [];
  const legit: string[] = [];
  /** A member's fresh connection to the thread document, synced. */
  const memberChannel = async () => {
    const peer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    return peer.openDocument(documentName);
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
    documentName,
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
  const { doc } = await peer.openDocument(w.documentName);
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
      encoding.writeVarString(encoder, w.documentName);
      encoding.writeVarUint(encoder, 0); // Sync
      encoding.writeVarUint(encoder, 2); // update
      encoding.writeVarUint8Array(encoder, new Uint8Array([0, 1, 200, 200, 200, 200, 7]));
      channel.provider.configuration.websocketProvider.send(encoding.toUint8Array(encoder));
    });
    await w.expectRefused("hides the admin's message with an empty item", (doc, channel) => {
      const valueItem = doc.getMap("messages")._map.get(w.messageId);
      if (valueItem === undefined) throw new Error("no message item");
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, w.documentName);
      encoding.writeVarUint(encoder, 0); // Sync
      encoding.writeVarUint(encoder, 2); // update
      encoding.writeVarUint8Array(encoder, emptyItemUpdate(doc.clientID, { origin: valueItem.id }));
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
    const { doc } = await restarted.openDocument(w.documentName);
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
      connectPeer(w.server.current.websocketUrl, { token: bridgeKey.key }).openDocument(
        w.documentName,
      );
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
    // The reason says when the next write is taken: a second from now at one a second.
    const { reason } = await closed;
    expect(reasonName(reason)).toBe(CLOSE_CODES.tooManyWrites.reason);
    expect(readTooFast(reason)?.waitMs).toBeGreaterThan(0);
    expect(readTooFast(reason)?.waitMs).toBeLessThanOrEqual(1_000);
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

  it("refuses forged requests, reactions, pins, task state and channel id, and queues no task for them", async () => {
    const w = await world();
    const ctx = w.server.current.ctx;
    // An agent's reply in progress, written with the agent's own key.
    const agentChannel = await connectPeer(w.server.current.websocketUrl, {
      token: w.seed.agent.apiKey,
    }).openDocument(w.documentName);
    const replyId = startAgentReply(agentChannel.doc, w.agent, {
      threadId: w.threadId,
      taskId: "task-1",
    });
    await agentChannel.acknowledged();
    await w.victim.until("the agent's reply", () => w.victim.doc.getMap("messages").has(replyId));

    await w.expectRefused("mentions the agent in the admin's name", (doc) =>
      doc.getMap("messages").set("forged-mention", forgedMention(w)),
    );
    await w.expectRefused("asks for a summary in the admin's name", (doc) =>
      doc.getMap("summaryRequests").set(`thread|${w.threadId}|${w.admin.id}`, Date.now()),
    );
    await w.expectRefused("asks to stop the agent's reply in the admin's name", (doc) =>
      doc.getMap("stopRequests").set(`${replyId}|${w.admin.id}`, Date.now()),
    );
    await w.expectRefused("reacts in the admin's name", (doc) =>
      doc.getMap("reactions").set(`${w.messageId}|🎉|${w.admin.id}`, Date.now()),
    );
    await w.expectRefused("pins in the admin's name", (doc) =>
      doc.getMap("pins").set(w.messageId, { by: w.admin, at: NOW }),
    );
    await w.expectRefused("fails the agent's reply (task state as a human)", (doc) =>
      entryOf(doc, "messages", replyId).set("task", {
        taskId: "task-1",
        status: "failed",
        updatedAt: NOW,
      }),
    );
    await w.expectRefused("rewrites the agent's reply", (doc) =>
      (entryOf(doc, "messages", replyId).get("body") as Y.Text).insert(0, "forged "),
    );
    await w.expectRefused("writes the channel id", (doc) =>
      doc.getMap("meta").set("channelId", "another-channel"),
    );

    // The member's own mention and summary request are queued, in the member's name, and
    // nothing was queued for the forged ones.
    const member = await w.memberChannel();
    const honest = postMessage(member.doc, w.member, { threadId: w.threadId, body: "@claude hi" });
    requestThreadSummary(member.doc, w.member, { threadId: w.threadId });
    await member.acknowledged();
    const tasks = () => ctx.db.select().from(agentTasks).all();
    await pollUntil("the member's tasks", async () => tasks().length >= 2);
    const queued = tasks().map((t) => ({ kind: t.kind, requestedBy: t.requestedBy }));
    expect(queued).toHaveLength(2);
    expect(queued).toContainEqual({ kind: "mention", requestedBy: w.member.id });
    expect(queued).toContainEqual({ kind: "thread-summary", requestedBy: w.member.id });
    expect(tasks().find((t) => t.kind === "mention")?.triggerMessageId).toBe(honest);
    expect(w.victim.doc.getMap("stopRequests").size).toBe(0);
    expect(w.victim.doc.getMap("pins").size).toBe(0);
    expect(entryOf(w.victim.doc, "messages", replyId).get("task")).toMatchObject({
      status: "running",
    });
    await expectStoredStateClean(w);
  });

  it("keeps a client id's owner across compaction and a restart", async () => {
    const w = await world({
      OPENVIBE_COMPACT_AFTER_UPDATES: "5",
      OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "5",
    });
    for (let i = 0; i < 12; i += 1) {
      w.legit.push(postMessage(w.victim.doc, w.admin, { threadId: w.threadId, body: `m ${i}` }));
      await w.victim.acknowledged();
    }
    const name = w.documentName;
    const compactedAt = () =>
      w.server.current.ctx.db
        .select({ at: documents.compactedAt })
        .from(documents)
        .where(eq(documents.name, name))
        .get()?.at ?? null;
    await pollUntil("the thread document's compaction", async () => compactedAt() !== null);
    const victimId = w.victim.doc.clientID;
    await w.server.restartOnSamePort();
    // Before the admin writes again after the restart, a member writes under the admin's id.
    const forger = await w.memberChannel();
    w.forgerIds.push(forger.doc.clientID);
    const closed = withDeadline(forger.closed, "the forger's connection to close");
    forger.doc.clientID = victimId;
    postMessage(forger.doc, w.member, { threadId: w.threadId, body: "under a stolen id" });
    expect((await closed).reason).toBe(CLOSE_CODES.writeRefused.reason);
    const refusals = listAudit(w.server.current.ctx, { limit: 10 })
      .filter((entry) => entry.action === "document.write_refused")
      .map((entry) => entry.details);
    expect(refusals).toContainEqual({ why: "writes under another principal's client id" });
    // The admin's replica reconnects and goes on writing under its own id.
    w.legit.push(postMessage(w.victim.doc, w.admin, { threadId: w.threadId, body: "after" }));
    await w.victim.acknowledged(20_000);
    const bodies = threadView(w.victim.doc, w.threadId)?.messages.map((m) => m.body) ?? [];
    expect(bodies).not.toContain("under a stolen id");
    await expectStoredStateClean(w);
  });

  it("with the guard off, charges a mention or a summary request to its sender only", async () => {
    // The server-side readers attribute a change to the connection that sent it, even when the
    // guard lets a forgery through (OPENVIBE_WRITE_GUARD=off, as in the benchmarks).
    const w = await world({ OPENVIBE_WRITE_GUARD: "off" });
    const ctx = w.server.current.ctx;
    const member = await w.memberChannel();
    member.doc.getMap("messages").set("forged-mention", forgedMention(w));
    member.doc.getMap("summaryRequests").set(`thread|${w.threadId}|${w.admin.id}`, Date.now());
    await member.acknowledged();
    await w.victim.until("the forgeries on the admin's replica (the guard is off)", () =>
      w.victim.doc.getMap("summaryRequests").has(`thread|${w.threadId}|${w.admin.id}`),
    );
    const honest = postMessage(member.doc, w.member, { threadId: w.threadId, body: "@claude hi" });
    requestThreadSummary(member.doc, w.member, { threadId: w.threadId });
    await member.acknowledged();
    const tasks = () => ctx.db.select().from(agentTasks).all();
    await pollUntil("the member's tasks", async () => tasks().length >= 2);
    const queued = tasks().map((t) => ({
      kind: t.kind,
      requestedBy: t.requestedBy,
      trigger: t.kind === "mention" ? t.triggerMessageId : null,
    }));
    expect(queued).toHaveLength(2);
    expect(queued).toContainEqual({ kind: "mention", requestedBy: w.member.id, trigger: honest });
    expect(queued).toContainEqual({
      kind: "thread-summary",
      requestedBy: w.member.id,
      trigger: null,
    });
  });

  it("binds a client id seen in presence to its owner before it writes", async () => {
    const w = await world();
    // The member reads only: its client id is known to others from presence alone.
    const victimPeer = connectPeer(w.server.current.websocketUrl, {
      token: await webSocketToken(w.seed.member.client),
    });
    const victim = await victimPeer.openDocument(w.documentName);
    victim.provider.setAwarenessField("typing", null);
    const victimId = victim.doc.clientID;
    const forger = await connectPeer(w.server.current.websocketUrl, {
      token: w.seed.agent.apiKey,
    }).openDocument(w.documentName);
    await pollUntil(
      "the member's presence at the forger",
      async () => forger.provider.awareness?.getStates().has(victimId) ?? false,
    );
    // The member goes offline; the forger writes a message of its own under the member's id.
    victimPeer.close();
    w.forgerIds.push(forger.doc.clientID);
    const closed = withDeadline(forger.closed, "the forger's connection to close");
    forger.doc.clientID = victimId;
    postMessage(forger.doc, w.agent, { threadId: w.threadId, body: "y".repeat(2_000) });
    expect((await closed).reason).toBe(CLOSE_CODES.writeRefused.reason);
    // Back online, the member's offline message reaches everyone: nothing took its clocks.
    const offline = postMessage(victim.doc, w.member, {
      threadId: w.threadId,
      body: "written offline",
    });
    w.legit.push(offline);
    const socket = new HocuspocusProviderWebsocket({ url: w.server.current.websocketUrl });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: w.documentName,
      document: victim.doc,
      token: await webSocketToken(w.seed.member.client),
    });
    provider.attach();
    onTestFinished(() => {
      provider.destroy();
      socket.destroy();
    });
    await w.victim.until("the member's offline message at the admin", () =>
      w.victim.doc.getMap("messages").has(offline),
    );
    await expectStoredStateClean(w);
  });
});
