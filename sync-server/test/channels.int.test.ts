// Real providers against the real server: several channels over one shared
// socket per peer, each peer signed in as a real member of both channels;
// what one peer writes through the schema operations the other sees, and
// everything survives a server restart.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import {
  CONNECTION_DENIALS,
  createFork,
  createThread,
  editMessage,
  forkView,
  getMessage,
  listThreads,
  postMessage,
  resolveFork,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { type SeededWorkspace, seedWorkspace } from "./support/workspace-fixture.ts";

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

describe("channels over the real server", () => {
  it("syncs posts, edits, forks and resolutions between peers on several channels", async () => {
    const { seed, alice, bob, connectAs, general, random } = await workspaceServer();
    const alicePeer = await connectAs(seed.admin);
    const bobPeer = await connectAs(seed.member);
    const [aliceGeneral, aliceRandom] = await Promise.all([
      alicePeer.open(general),
      alicePeer.open(random),
    ]);
    const [bobGeneral, bobRandom] = await Promise.all([
      bobPeer.open(general),
      bobPeer.open(random),
    ]);

    const { threadId, messageId: question } = createThread(aliceGeneral.doc, alice, {
      title: "Release plan",
      body: "When do we ship @member?",
    });
    const randomThread = createThread(aliceRandom.doc, alice, { title: "Lunch", body: "Pizza?" });
    await bobGeneral.until(
      "alice's thread on bob's side",
      () => threadView(bobGeneral.doc, threadId) !== undefined,
    );
    await bobRandom.until(
      "alice's random thread",
      () => threadView(bobRandom.doc, randomThread.threadId) !== undefined,
    );
    expect(getMessage(bobGeneral.doc, question)?.mentions).toEqual(["member"]);
    // Channels are separate documents: nothing of #random leaks into #general.
    expect(listThreads(bobGeneral.doc).map((t) => t.id)).toEqual([threadId]);

    const answer = postMessage(bobGeneral.doc, bob, { threadId, body: "Friday" });
    editMessage(aliceGeneral.doc, alice, {
      messageId: question,
      body: "When do we ship, @member?",
    });
    await aliceGeneral.until(
      "bob's answer",
      () => getMessage(aliceGeneral.doc, answer)?.body === "Friday",
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
    await aliceGeneral.until("bob's fork", () => forkView(aliceGeneral.doc, forkId) !== undefined);
    const reply = postMessage(aliceGeneral.doc, alice, { threadId, forkId, body: "This one." });
    await bobGeneral.until(
      "alice's reply in the fork",
      () => getMessage(bobGeneral.doc, reply) !== undefined,
    );
    // The fork's creator resolves it (or an admin, as moderator).
    const { summaryMessageId } = resolveFork(bobGeneral.doc, bob, {
      forkId,
      resolution: "We ship this Friday.",
    });
    await aliceGeneral.until(
      "the fork's resolution",
      () => forkView(aliceGeneral.doc, forkId)?.fork.status === "resolved",
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
    expect(threadView(aliceGeneral.doc, threadId)).toEqual(bobsView);
  });

  it("keeps every channel's content across a server restart", async () => {
    const { server, seed, alice, connectAs, general: generalId, random } = await workspaceServer();
    const writer = await connectAs(seed.admin);
    const [general, secret] = await Promise.all([writer.open(generalId), writer.open(random)]);
    const { threadId } = createThread(general.doc, alice, { title: "Notes", body: "one" });
    for (const body of ["two", "three"]) postMessage(general.doc, alice, { threadId, body });
    const secretThread = createThread(secret.doc, alice, { title: "Private", body: "hush" });
    await Promise.all([general.acknowledged(), secret.acknowledged()]);
    const before = threadView(general.doc, threadId);
    const secretBefore = threadView(secret.doc, secretThread.threadId);
    writer.close();

    const restarted = await server.restart();
    // Sessions and keys live in SQLite: the agent's API key still opens both channels.
    const reader = connectPeer(restarted.websocketUrl, { token: seed.agent.apiKey });
    const [reloaded, reloadedSecret] = await Promise.all([
      reader.open(generalId),
      reader.open(random),
    ]);
    expect(threadView(reloaded.doc, threadId)).toEqual(before);
    expect(before?.messages.map((m) => m.body)).toEqual(["one", "two", "three"]);
    expect(threadView(reloadedSecret.doc, secretThread.threadId)).toEqual(secretBefore);
    expect(listThreads(reloadedSecret.doc).map((t) => t.id)).toEqual([secretThread.threadId]);
  });

  it("compacts a busy channel in the background without losing messages", async () => {
    const {
      server,
      seed,
      alice,
      connectAs,
      general: generalId,
    } = await workspaceServer({
      OPENVIBE_COMPACT_AFTER_UPDATES: "10",
    });
    const writer = await connectAs(seed.admin);
    const general = await writer.open(generalId);
    const { threadId } = createThread(general.doc, alice, { title: "Busy", body: "start" });
    for (let n = 0; n < 60; n++) {
      postMessage(general.doc, alice, { threadId, body: `message ${n}` });
      await general.acknowledged();
    }
    writer.close();
    const restarted = await server.restart();
    const reader = connectPeer(restarted.websocketUrl, { token: seed.agent.apiKey });
    const reloaded = await reader.open(generalId);
    expect(threadView(reloaded.doc, threadId)?.messages).toHaveLength(61);
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
