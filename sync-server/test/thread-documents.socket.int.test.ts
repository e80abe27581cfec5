// Thread documents of the split layout (`thread:<channelId>:<threadId>`, docs/history-split.md)
// over real sockets, before the server sets them up (later steps): a thread document is opened
// exactly as its channel is (members write, an archived channel is read-only), and every name a
// person may not open is refused alike, so nothing tells whether a private channel or a thread
// exists. Taking access away closes a person's channel and thread documents of that channel at
// once; the write guard judges a thread document's updates by its own table (no forged authorship,
// no other thread's entries, no squatting on the thread's own entry, no meta or digests), and
// honest writes reach the others; a channel document is judged by the layout the server's own copy
// says (split: no peer writes at all, the server's digests reach every member).
import {
  type Actor,
  CLOSE_CODES,
  CONNECTION_DENIALS,
  createSplitThread,
  createThread,
  formatStamp,
  listThreadIndex,
  postMessage,
  SPLIT_LAYOUT,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { UserRecord } from "../src/accounts/principal.ts";
import { newId } from "../src/ids.ts";
import type { ApiClient } from "./support/api-client.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const actorOf = (user: UserRecord): Actor => ({ kind: user.kind, id: user.id });
/** Raw stamps of now: a forged write must not look like one written offline long ago. */
const NOW = formatStamp(Date.now());

async function world() {
  const test = await startTestServer();
  const server = test.current;
  const seed = await seedWorkspace(server);
  const connect = async (client: ApiClient) =>
    connectPeer(server.websocketUrl, { token: await webSocketToken(client) });
  return { server, seed, connect };
}

/** Starts a thread in `channelId`'s thread document as a client does, and waits for the server. */
async function startThread(
  open: (name: string) => Promise<OpenChannel>,
  channelId: string,
  author: Actor,
  title: string,
) {
  // The client makes the thread document's content first (createSplitThread), then opens it.
  const content = new Y.Doc();
  const created = createSplitThread(() => content, author, { title, body: title });
  const channel = await open(threadDocumentName(channelId, created.threadId));
  Y.applyUpdate(channel.doc, Y.encodeStateAsUpdate(content));
  await channel.acknowledged();
  return { ...created, channel };
}

const bodies = (channel: OpenChannel, threadId: string) =>
  threadView(channel.doc, threadId)?.messages.map((m) => m.body) ?? [];

describe("thread documents over sockets", () => {
  it("opens a thread document as its channel, and refuses every other name alike", async () => {
    const { seed, connect } = await world();
    const member = await connect(seed.member.client);
    const admin = await connect(seed.admin.client);
    const open = (name: string) => member.openDocument(name);
    const secret = await startThread(open, seed.secret.id, actorOf(seed.member.user), "hidden");
    const general = await startThread(open, seed.general.id, actorOf(seed.member.user), "open");
    // Another member of the private channel gets the thread through the server.
    const seen = await admin.openDocument(threadDocumentName(seed.secret.id, secret.threadId));
    await seen.until("the member's thread", () => bodies(seen, secret.threadId).includes("hidden"));

    const outsider = await connect(seed.outsider.client);
    const refusedNames = [
      threadDocumentName(seed.secret.id, secret.threadId),
      // A thread of another channel, named under the private one.
      threadDocumentName(seed.secret.id, general.threadId),
      threadDocumentName(newId(), secret.threadId),
      `channel:${seed.secret.id}`,
      `channel:${newId()}`,
      `thread:${seed.secret.id}`,
      `thread:${seed.secret.id}:`,
      `thread:${seed.secret.id}:a|b`,
      `thread:${seed.secret.id}:\u202e`,
      `thread::${secret.threadId}`,
    ];
    for (const name of refusedNames) {
      const { outcome, channel } = await outsider.attemptDocument(name);
      expect(outcome, name).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.forbidden });
      expect(channel.doc.store.clients.size, name).toBe(0);
    }
    // A member gets the same answer for malformed names and unknown channels.
    for (const name of refusedNames.slice(2)) {
      if (name === `channel:${seed.secret.id}`) continue;
      const { outcome } = await member.attemptDocument(name);
      expect(outcome, name).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.forbidden });
    }
  });

  it("closes a removed member's channel and thread documents of that channel at once, and no other", async () => {
    const { seed, connect } = await world();
    const member = await connect(seed.member.client);
    const admin = await connect(seed.admin.client);
    const author = actorOf(seed.member.user);
    const open = (name: string) => member.openDocument(name);
    const secretChannel = await member.open(seed.secret.id);
    const first = await startThread(open, seed.secret.id, author, "first");
    const second = await startThread(open, seed.secret.id, author, "second");
    const kept = await startThread(open, seed.general.id, author, "kept");
    const closes = [secretChannel, first.channel, second.channel].map((channel, index) =>
      withDeadline(channel.closed, `the close of secret document ${index}`),
    );
    const path = `/api/channels/${seed.secret.id}/members/${seed.member.user.id}`;
    expect((await seed.admin.client.delete(path)).status).toBe(204);
    for (const event of await Promise.all(closes)) {
      expect(event.reason).toBe(CLOSE_CODES.accessRevoked.reason);
    }
    // The thread document of #general stays open on the same socket.
    const adminKept = await admin.openDocument(threadDocumentName(seed.general.id, kept.threadId));
    await adminKept.until("the kept thread", () => bodies(adminKept, kept.threadId).length > 0);
    postMessage(adminKept.doc, actorOf(seed.admin.user), {
      threadId: kept.threadId,
      body: "still",
    });
    await kept.channel.until("the admin's post", () =>
      bodies(kept.channel, kept.threadId).includes("still"),
    );
    const retry = await connect(seed.member.client);
    const { outcome } = await retry.attemptDocument(
      threadDocumentName(seed.secret.id, first.threadId),
    );
    expect(outcome).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.forbidden });
  });

  it("makes an archived channel's thread documents read-only, as the channel", async () => {
    const { server, seed } = await world();
    const token = await webSocketToken(seed.member.client);
    const member = connectPeer(server.websocketUrl, { token });
    const thread = await startThread(
      (name) => member.openDocument(name),
      seed.general.id,
      actorOf(seed.member.user),
      "before archiving",
    );
    const closed = withDeadline(thread.channel.closed, "the thread document to close");
    const archive = await seed.admin.client.post(`/api/channels/${seed.general.id}/archive`);
    expect(archive.status).toBe(200);
    expect((await closed).reason).toBe(CLOSE_CODES.permissionsChanged.reason);
    const again = connectPeer(server.websocketUrl, { token });
    const name = threadDocumentName(seed.general.id, thread.threadId);
    const { outcome, channel } = await again.attemptDocument(name);
    expect(outcome).toEqual({ kind: "opened", scope: "readonly" });
    expect(bodies(channel, thread.threadId)).toEqual(["before archiving"]);
  });

  it("refuses forgeries in a thread document and passes honest writes on", async () => {
    const { seed, connect } = await world();
    const admin = actorOf(seed.admin.user);
    const member = actorOf(seed.member.user);
    const adminPeer = await connect(seed.admin.client);
    const victim = await startThread(
      (name) => adminPeer.openDocument(name),
      seed.general.id,
      admin,
      "the admin's words",
    );
    const name = threadDocumentName(seed.general.id, victim.threadId);
    const messageId = victim.messageId;
    const squat = (doc: Y.Doc) => {
      const entry = new Y.Map<unknown>();
      const fields = { id: victim.threadId, title: "taken", createdBy: member, createdAt: NOW };
      for (const [field, value] of Object.entries({ ...fields, status: "active" })) {
        entry.set(field, value);
      }
      doc.getMap("threads").set(victim.threadId, entry);
    };
    const rawMessage = (id: string, threadId: string, author: Actor) => {
      const entry = new Y.Map<unknown>();
      const fields = { id, threadId, forkId: null, author, createdAt: NOW, mentions: [] };
      for (const [field, value] of Object.entries({ ...fields, kind: "message" })) {
        entry.set(field, value);
      }
      entry.set("body", new Y.Text("forged"));
      return entry;
    };
    const forgeries: Record<string, (doc: Y.Doc) => void> = {
      "posts as the admin": (doc) =>
        doc.getMap("messages").set("f1", rawMessage("f1", victim.threadId, admin)),
      "rewrites the admin's message": (doc) => {
        const entry = doc.getMap("messages").get(messageId);
        if (entry instanceof Y.Map) (entry.get("body") as Y.Text).insert(0, "not ");
      },
      "posts a message of another thread": (doc) =>
        doc.getMap("messages").set("f2", rawMessage("f2", newId(), member)),
      "creates another thread's entry": (doc) =>
        createSplitThread(() => doc, member, { title: "x", body: "y" }),
      // The thread id is visible now (the creator's document is the server's): squatting on it
      // is a replacement of the creator's entry.
      "writes its own entry under the thread's id": squat,
      "writes meta": (doc) => doc.getMap("meta").set("threadId", newId()),
      "writes a digest": (doc) =>
        doc.getArray("threadIndex").push([{ key: victim.threadId, val: { title: "x" } }]),
    };
    for (const [what, forge] of Object.entries(forgeries)) {
      const forger = await connect(seed.member.client);
      const channel = await forger.openDocument(name);
      const closed = withDeadline(channel.closed, `${what}: the forger's connection to close`);
      forge(channel.doc);
      expect((await closed).reason, what).toBe(CLOSE_CODES.writeRefused.reason);
      expect(victim.channel.doc.store.clients.has(channel.doc.clientID), what).toBe(false);
    }
    const honest = await (await connect(seed.member.client)).openDocument(name);
    postMessage(honest.doc, member, { threadId: victim.threadId, body: "the member's reply" });
    await victim.channel.until("the member's reply", () =>
      bodies(victim.channel, victim.threadId).includes("the member's reply"),
    );
    expect(bodies(victim.channel, victim.threadId)).toEqual([
      "the admin's words",
      "the member's reply",
    ]);
  });

  it("judges a channel document by the layout the server's own copy says", async () => {
    const { server, seed, connect } = await world();
    // Step 4 will set new channels up split; here the server's own copy is made one directly.
    const direct = await server.hocuspocus.openDirectConnection(`channel:${seed.general.id}`);
    await direct.transact((doc) => doc.getMap("meta").set("layout", SPLIT_LAYOUT));
    await direct.disconnect();
    const member = actorOf(seed.member.user);
    const personEntry = (doc: Y.Doc) => {
      const entry = new Y.Map<unknown>();
      const id = newId();
      for (const [field, value] of Object.entries({ id, title: "t", status: "active" })) {
        entry.set(field, value);
      }
      entry.set("createdBy", member);
      entry.set("createdAt", NOW);
      doc.getMap("threads").set(id, entry);
    };
    const forgeries: Record<string, (doc: Y.Doc) => void> = {
      "a one-document thread (messages in the channel document)": (doc) =>
        createThread(doc, member, { title: "old layout", body: "here" }),
      "a person-written thread entry": personEntry,
      "a digest": (doc) =>
        doc.getArray("threadIndex").push([{ key: newId(), val: { title: "forged" } }]),
      "the layout": (doc) => doc.getMap("meta").set("layout", "one-document"),
    };
    for (const [what, forge] of Object.entries(forgeries)) {
      const forger = await (await connect(seed.member.client)).open(seed.general.id);
      const closed = withDeadline(forger.closed, `${what}: the forger's connection to close`);
      forge(forger.doc);
      expect((await closed).reason, what).toBe(CLOSE_CODES.writeRefused.reason);
    }
    // A thread is created in its own thread document only; the others see it once the server
    // has written its digest into the channel document (threads/thread-index-projection.ts, at
    // the write that creates the thread).
    const peer = await connect(seed.member.client);
    const created = await startThread(
      (name) => peer.openDocument(name),
      seed.general.id,
      member,
      "split",
    );
    const admin = await (await connect(seed.admin.client)).open(seed.general.id);
    await admin.until("the digest", () => listThreadIndex(admin.doc).length === 1);
    expect(listThreadIndex(admin.doc)).toMatchObject([
      { id: created.threadId, title: "split", messageCount: 1, createdBy: member },
    ]);
    expect(admin.doc.getMap("threads").size + admin.doc.getMap("messages").size).toBe(0);
  });
});
