// Real providers against the real server: several split channels (a channel document listing
// threads, a document per thread) over one shared socket per peer, each peer signed in as a real
// member of both channels; what one peer writes through the schema operations the other sees,
// and everything survives a server restart.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import {
  CONNECTION_DENIALS,
  createFork,
  editMessage,
  forkView,
  getMessage,
  listThreads,
  postMessage,
  readThreadDigests,
  resolveFork,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import type { RunningServer } from "../src/server.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { pollUntil } from "./support/wait-for.ts";
import { type SeededWorkspace, seedWorkspace } from "./support/workspace-fixture.ts";

/** Whether the document has a snapshot, and how many updates its stored tail holds. */
function storedParts(server: RunningServer, name: string): { compacted: boolean; tail: number } {
  const sqlite = server.ctx.db.$client;
  const row = sqlite
    .prepare<[string], { compacted: number; through: number }>(
      "SELECT snapshot IS NOT NULL AS compacted, snapshot_through AS through FROM documents WHERE name = ?",
    )
    .get(name);
  if (row === undefined) return { compacted: false, tail: 0 };
  const tail = sqlite
    .prepare<[string, number], { n: number }>(
      "SELECT count(*) AS n FROM document_updates WHERE document_name = ? AND seq > ?",
    )
    .get(name, row.through);
  return { compacted: row.compacted === 1, tail: tail?.n ?? 0 };
}

/** A server with a seeded workspace; alice is its admin, bob a member (handle "member"). */
async function workspaceServer(overrides: Record<string, string> = {}) {
  const server: TestServer = await startTestServer(overrides);
  const seed: SeededWorkspace = await seedWorkspace(server.current);
  const alice = { kind: "human", id: seed.admin.user.id } as const;
  const bob = { kind: "human", id: seed.member.user.id } as const;
  /** Connects as a member of both channels, with a token minted over HTTP. */
  const connectAs = async (person: SeededWorkspace["admin"]) =>
    connectPeer(server.current.websocketUrl, { token: await webSocketToken(person.client) });
  return { server, seed, alice, bob, connectAs, general: seed.general.id, random: seed.secret.id };
}

/**
 * A thread alice started in #general over her own connection (`writer`), with `post` to add
 * acknowledged messages to it and `messagesOn` to count them as a new peer of `server` sees them.
 */
async function busyThread(w: Awaited<ReturnType<typeof workspaceServer>>) {
  const writer = await w.connectAs(w.seed.admin);
  const { threadId, thread } = await channelReplica(writer, w.general).createThread(w.alice, {
    title: "Busy",
    body: "start",
  });
  return {
    writer,
    name: threadDocumentName(w.general, threadId),
    async post(count: number) {
      for (let n = 0; n < count; n++) {
        postMessage(thread.doc, w.alice, { threadId, body: `message ${n}` });
        await thread.acknowledged();
      }
    },
    async messagesOn(server: RunningServer) {
      const reader = connectPeer(server.websocketUrl, { token: w.seed.agent.apiKey });
      const reloaded = await channelReplica(reader, w.general).open(threadId);
      return threadView(reloaded.doc, threadId)?.messages.length;
    },
  };
}

describe("channels over the real server", () => {
  it("syncs posts, edits, forks and resolutions between peers on several channels", async () => {
    const { seed, alice, bob, connectAs, general, random } = await workspaceServer();
    const alicePeer = await connectAs(seed.admin);
    const bobPeer = await connectAs(seed.member);
    const [aliceGeneral, aliceRandom] = [
      channelReplica(alicePeer, general),
      channelReplica(alicePeer, random),
    ];
    // Bob lists each channel's threads from its channel document (the server's digests).
    const [bobGeneralIndex, bobRandomIndex] = await Promise.all([
      bobPeer.open(general),
      bobPeer.open(random),
    ]);
    const listed = (channel: OpenChannel) => [...readThreadDigests(channel.doc).keys()];

    const started = await aliceGeneral.createThread(alice, {
      title: "Release plan",
      body: "When do we ship @member?",
    });
    const { threadId, messageId: question } = started;
    const randomThread = await aliceRandom.createThread(alice, { title: "Lunch", body: "Pizza?" });
    await bobGeneralIndex.until("alice's thread listed on bob's side", () =>
      listed(bobGeneralIndex).includes(threadId),
    );
    await bobRandomIndex.until("alice's random thread listed", () =>
      listed(bobRandomIndex).includes(randomThread.threadId),
    );
    const bobGeneral = await channelReplica(bobPeer, general).open(threadId);
    const bobRandom = await channelReplica(bobPeer, random).open(randomThread.threadId);
    expect(threadView(bobGeneral.doc, threadId)).toBeDefined();
    expect(threadView(bobRandom.doc, randomThread.threadId)).toBeDefined();
    expect(getMessage(bobGeneral.doc, question)?.mentions).toEqual(["member"]);
    // Channels are separate documents: nothing of #random leaks into #general.
    expect(listed(bobGeneralIndex)).toEqual([threadId]);
    expect(listThreads(bobGeneral.doc).map((t) => t.id)).toEqual([threadId]);
    const aliceThread = started.thread;

    const answer = postMessage(bobGeneral.doc, bob, { threadId, body: "Friday" });
    editMessage(aliceThread.doc, alice, {
      messageId: question,
      body: "When do we ship, @member?",
    });
    await aliceThread.until(
      "bob's answer",
      () => getMessage(aliceThread.doc, answer)?.body === "Friday",
    );
    await bobGeneral.until(
      "alice's edit",
      () => getMessage(bobGeneral.doc, question)?.body === "When do we ship, @member?",
    );

    const forkId = createFork(bobGeneral.doc, bob, {
      messageId: answer,
      title: "Which Friday?",
      body: "This one or next?",
    });
    await aliceThread.until("bob's fork", () => forkView(aliceThread.doc, forkId) !== undefined);
    const reply = postMessage(aliceThread.doc, alice, { threadId, forkId, body: "This one." });
    await bobGeneral.until(
      "alice's reply in the fork",
      () => getMessage(bobGeneral.doc, reply) !== undefined,
    );
    // The fork's creator resolves it (or an admin, as moderator).
    const { summaryMessageId } = resolveFork(bobGeneral.doc, bob, {
      forkId,
      resolution: "We ship this Friday.",
    });
    await aliceThread.until(
      "the fork's resolution",
      () => forkView(aliceThread.doc, forkId)?.fork.status === "resolved",
    );

    const bobsView = threadView(bobGeneral.doc, threadId);
    expect(bobsView?.messages.map((m) => m.id)).toEqual([question, answer, summaryMessageId]);
    expect(bobsView?.messages[1]?.forks).toEqual([
      expect.objectContaining({ forkId, status: "resolved", messageCount: 2 }),
    ]);
    expect(forkView(bobGeneral.doc, forkId)?.messages.map((m) => m.body)).toEqual([
      "This one or next?",
      "This one.",
    ]);
    expect(threadView(aliceThread.doc, threadId)).toEqual(bobsView);
  });

  it("keeps every channel's content across a server restart", async () => {
    const { server, seed, alice, connectAs, general: generalId, random } = await workspaceServer();
    const writer = await connectAs(seed.admin);
    const notes = await channelReplica(writer, generalId).createThread(alice, {
      title: "Notes",
      body: "one",
    });
    const { threadId, thread: general } = notes;
    for (const body of ["two", "three"]) postMessage(general.doc, alice, { threadId, body });
    const secretThread = await channelReplica(writer, random).createThread(alice, {
      title: "Private",
      body: "hush",
    });
    const secret = secretThread.thread;
    await Promise.all([general.acknowledged(), secret.acknowledged()]);
    const before = threadView(general.doc, threadId);
    const secretBefore = threadView(secret.doc, secretThread.threadId);
    writer.close();

    const restarted = await server.restart();
    // Sessions and keys live in SQLite: the agent's API key still opens both channels.
    const reader = connectPeer(restarted.websocketUrl, { token: seed.agent.apiKey });
    const [reloaded, reloadedSecret, secretIndex] = await Promise.all([
      channelReplica(reader, generalId).open(threadId),
      channelReplica(reader, random).open(secretThread.threadId),
      reader.open(random),
    ]);
    expect(threadView(reloaded.doc, threadId)).toEqual(before);
    expect(before?.messages.map((m) => m.body)).toEqual(["one", "two", "three"]);
    expect(threadView(reloadedSecret.doc, secretThread.threadId)).toEqual(secretBefore);
    expect(listThreads(reloadedSecret.doc).map((t) => t.id)).toEqual([secretThread.threadId]);
    // The channel's list, from the server's digests, has the thread and nothing else.
    await secretIndex.until("the private thread listed", () =>
      readThreadDigests(secretIndex.doc).has(secretThread.threadId),
    );
    expect([...readThreadDigests(secretIndex.doc).keys()]).toEqual([secretThread.threadId]);
  });

  it("compacts a busy channel in the background without losing messages", async () => {
    const w = await workspaceServer({
      OPENVIBE_COMPACT_AFTER_UPDATES: "10",
      OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "10",
    });
    const busy = await busyThread(w);
    await busy.post(60);
    busy.writer.close();
    expect(await busy.messagesOn(await w.server.restart())).toBe(61);
  });

  it("lets a loaded thread's tail grow longer, and compacts what is left once it unloads", async () => {
    const w = await workspaceServer({
      OPENVIBE_COMPACT_AFTER_UPDATES: "10",
      OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "40",
      OPENVIBE_DOCUMENT_IDLE_MS: "0",
    });
    const busy = await busyThread(w);
    const stored = () => storedParts(w.server.current, busy.name);

    await busy.post(30);
    // Over the unloaded threshold, under the loaded one: not compacted while loaded.
    expect(stored()).toMatchObject({ compacted: false });
    expect(stored().tail).toBeGreaterThanOrEqual(30);
    await busy.post(15);
    await pollUntil("the loaded thread compacted", async () => stored().compacted);
    const afterLoadedCompaction = stored().tail;
    expect(afterLoadedCompaction).toBeLessThan(40);
    await busy.post(20);
    expect(stored().tail).toBeGreaterThanOrEqual(afterLoadedCompaction + 20);

    busy.writer.close();
    await pollUntil("the thread compacted once unloaded", async () => stored().tail === 0);
    expect(await busy.messagesOn(w.server.current)).toBe(66);
  });

  it("compacts a loaded thread's long tail as the server stops, so the next start loads it short", async () => {
    const w = await workspaceServer({
      OPENVIBE_COMPACT_AFTER_UPDATES: "10",
      OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "1000",
    });
    const busy = await busyThread(w);
    await busy.post(20);
    expect(storedParts(w.server.current, busy.name).tail).toBeGreaterThanOrEqual(20);

    const restarted = await w.server.restart();
    expect(storedParts(restarted, busy.name)).toEqual({ compacted: true, tail: 0 });
    expect(await busy.messagesOn(restarted)).toBe(21);
  });

  it("refuses documents that are not channel documents", async () => {
    const server = await startTestServer();
    const socket = new HocuspocusProviderWebsocket({ url: server.current.websocketUrl });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: "secrets",
      document: new Y.Doc(),
    });
    onTestFinished(() => {
      provider.destroy();
      socket.destroy();
    });
    const denied = new Promise<string>((resolve) =>
      provider.on("authenticationFailed", ({ reason }: { reason: string }) => resolve(reason)),
    );
    provider.attach();
    expect(await denied).toBe(CONNECTION_DENIALS.unknownDocument);
  });
});
