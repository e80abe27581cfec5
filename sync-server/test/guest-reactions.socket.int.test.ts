// Guests react over real sockets: in a channel they were added to (in its thread documents), their
// own reactions reach the other peers; any other write ends that document's
// connection with `write-refused` and reaches no peer and no storage.
import {
  type Actor,
  CLOSE_CODES,
  CONNECTION_DENIALS,
  getMessage,
  listThreads,
  postMessage,
  react,
  readThreadDigests,
  threadDocumentName,
  threadView,
  unreact,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import type { UserRecord } from "../src/accounts/principal.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const actorOf = (user: UserRecord): Actor => ({ kind: user.kind, id: user.id });
const THUMBS = "👍";

/** The private channel with one thread, open for its member and for the guest. */
async function privateChannelWithGuest() {
  const server = (await startTestServer()).current;
  const seed = await seedWorkspace(server);
  const member = connectPeer(server.websocketUrl, {
    token: await webSocketToken(seed.member.client),
  });
  const started = await channelReplica(member, seed.secret.id).createThread(
    actorOf(seed.member.user),
    { title: "plans", body: "hello" },
  );
  const { threadId, messageId, thread: memberSecret } = started;
  const guest = connectPeer(server.websocketUrl, {
    token: await webSocketToken(seed.guest.client),
  });
  // The guest finds the thread in the channel's list, then opens its document.
  const guestIndex = await guest.open(seed.secret.id);
  await guestIndex.until("the thread listed on the guest's replica", () =>
    readThreadDigests(guestIndex.doc).has(threadId),
  );
  const name = threadDocumentName(seed.secret.id, threadId);
  const guestSecret = await guest.openDocument(name);
  expect(listThreads(guestSecret.doc).map((t) => t.id)).toEqual([threadId]);
  /** A replica opened now, by someone else: what the server has stored and serves. */
  const freshReplica = () =>
    connectPeer(server.websocketUrl, { token: seed.agent.apiKey }).openDocument(name);
  return { seed, guest, memberSecret, guestSecret, threadId, messageId, freshReplica };
}

const reactorsOf = (channel: OpenChannel, messageId: string) =>
  getMessage(channel.doc, messageId)?.reactions.find((r) => r.emoji === THUMBS)?.actorIds ?? [];

async function expectWriteRefused(channel: OpenChannel, write: () => void) {
  const closed = withDeadline(channel.closed, "the guest's connection to close");
  write();
  expect((await closed).reason).toBe(CLOSE_CODES.writeRefused.reason);
}

describe("guests and reactions", () => {
  it("lets a guest react and unreact in a private channel they were added to", async () => {
    const w = await privateChannelWithGuest();
    const guestId = w.seed.guest.user.id;
    const input = { messageId: w.messageId, emoji: THUMBS };
    react(w.guestSecret.doc, actorOf(w.seed.guest.user), input);
    await w.memberSecret.until("the guest's reaction on the member's replica", () =>
      reactorsOf(w.memberSecret, w.messageId).includes(guestId),
    );
    unreact(w.guestSecret.doc, actorOf(w.seed.guest.user), input);
    await w.memberSecret.until(
      "the reaction removed on the member's replica",
      () => reactorsOf(w.memberSecret, w.messageId).length === 0,
    );
    await w.guestSecret.acknowledged();
  });

  it("closes a guest's connection that posts a message, and nobody gets the message", async () => {
    const w = await privateChannelWithGuest();
    const sent = () =>
      postMessage(w.guestSecret.doc, actorOf(w.seed.guest.user), {
        threadId: w.threadId,
        body: "not allowed",
      });
    await expectWriteRefused(w.guestSecret, sent);
    // A write after the refusal travels behind anything the server forwarded for the guest.
    postMessage(w.memberSecret.doc, actorOf(w.seed.member.user), {
      threadId: w.threadId,
      body: "sentinel",
    });
    await w.memberSecret.acknowledged();
    const reloaded = await w.freshReplica();
    const bodies = (channel: OpenChannel) =>
      threadView(channel.doc, w.threadId)?.messages.map((m) => m.body);
    expect(bodies(reloaded)).toContain("sentinel");
    for (const channel of [w.memberSecret, reloaded]) {
      expect(bodies(channel)).toEqual(["hello", "sentinel"]);
      expect(channel.doc.store.clients.has(w.guestSecret.doc.clientID)).toBe(false);
    }
  });

  it("closes a guest's connection that writes a reaction in another person's name", async () => {
    const w = await privateChannelWithGuest();
    const asMember = { messageId: w.messageId, emoji: THUMBS };
    await expectWriteRefused(w.guestSecret, () =>
      react(w.guestSecret.doc, actorOf(w.seed.member.user), asMember),
    );
    const reloaded = await w.freshReplica();
    expect(reactorsOf(reloaded, w.messageId)).toEqual([]);
  });

  it("still keeps a guest out of channels they were not added to", async () => {
    const w = await privateChannelWithGuest();
    const { outcome, channel } = await w.guest.attempt(w.seed.general.id);
    expect(outcome).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.forbidden });
    expect(channel.doc.store.clients.size).toBe(0);
    // Nor any thread document of theirs, whatever the thread id.
    const thread = await w.guest.attemptDocument(threadDocumentName(w.seed.general.id, w.threadId));
    expect(thread.outcome).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.forbidden });
    expect(thread.channel.doc.store.clients.size).toBe(0);
  });
});
