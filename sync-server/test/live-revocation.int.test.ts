// Access taken away while peers are connected ends their document
// connections at once, with the close reason that tells the client what to
// do: removed from a channel, deactivated, logged out, key revoked, channel
// archived or role changed (the last two reconnect with the new rights).
import { performance } from "node:perf_hooks";
import {
  CLOSE_CODES,
  CONNECTION_DENIALS,
  postMessage,
  readThreadDigests,
  threadDocumentName,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createApiKey, revokeApiKey } from "../src/accounts/api-keys.ts";
import type { UserRecord } from "../src/accounts/principal.ts";
import { deactivateUser, setRole } from "../src/accounts/users.ts";
import { ApiClient } from "./support/api-client.ts";
import { channelReplica, newThreadContent } from "./support/channel-replica.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer, type OpenChannel, type Peer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { PASSWORD, seedWorkspace } from "./support/workspace-fixture.ts";

const ONE_SECOND = 1000;

async function workspace() {
  const test = await startTestServer();
  const server = test.current;
  const seed = await seedWorkspace(server);
  const connect = async (client: ApiClient) =>
    connectPeer(server.websocketUrl, { token: await webSocketToken(client) });
  return { server, seed, connect };
}

/** Every channel closes within a second of `revoke`, with the given close reason. */
async function expectClosedAfter(
  revoke: () => unknown,
  channels: OpenChannel[],
  code: (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES],
) {
  const started = performance.now();
  const closes = channels.map((channel, index) =>
    withDeadline(channel.closed, `the close of connection ${index}`, ONE_SECOND),
  );
  await revoke();
  const events = await Promise.all(closes);
  expect(performance.now() - started).toBeLessThan(ONE_SECOND);
  for (const event of events) expect(event.reason).toBe(code.reason);
}

/** `user` starts a thread in its own document (the channel is split), stored by the server. */
const write = (peer: Peer, channelId: string, user: UserRecord, title: string) =>
  channelReplica(peer, channelId).createThread(
    { kind: user.kind, id: user.id },
    { title, body: title },
  );

/** The titles a channel document lists (the server's digests of its threads). */
const titles = (channel: OpenChannel) =>
  [...readThreadDigests(channel.doc).values()].map((digest) => digest.title);

describe("live revocation", () => {
  it("stops a member removed from a private channel from receiving it, within a second", async () => {
    const { seed, connect } = await workspace();
    const admin = await connect(seed.admin.client);
    const member = await connect(seed.member.client);
    const adminSecret = await admin.open(seed.secret.id);
    const [memberSecret, memberGeneral] = await Promise.all([
      member.open(seed.secret.id),
      member.open(seed.general.id),
    ]);
    const before = await write(admin, seed.secret.id, seed.admin.user, "before");
    await memberSecret.until("the thread posted before removal", () =>
      titles(memberSecret).includes("before"),
    );
    const memberBefore = await channelReplica(member, seed.secret.id).open(before.threadId);

    // The channel document and its thread documents close together.
    await expectClosedAfter(
      async () => {
        const path = `/api/channels/${seed.secret.id}/members/${seed.member.user.id}`;
        expect((await seed.admin.client.delete(path)).status).toBe(204);
      },
      [memberSecret, memberBefore],
      CLOSE_CODES.accessRevoked,
    );
    let updatesAfterRemoval = 0;
    for (const doc of [memberSecret.doc, memberBefore.doc])
      doc.on("update", () => {
        updatesAfterRemoval += 1;
      });
    const adminBefore = before.thread;
    postMessage(
      adminBefore.doc,
      { kind: "human", id: seed.admin.user.id },
      {
        threadId: before.threadId,
        body: "after, in the thread",
      },
    );
    await adminBefore.acknowledged();
    await write(admin, seed.secret.id, seed.admin.user, "after");
    await adminSecret.until("the new thread listed", () => titles(adminSecret).includes("after"));
    // The same socket still carries #general: a thread listed there after the private one
    // arrives behind anything the server would have sent for the private channel.
    await write(admin, seed.general.id, seed.admin.user, "sentinel");
    await memberGeneral.until("the sentinel in #general", () =>
      titles(memberGeneral).includes("sentinel"),
    );
    expect(updatesAfterRemoval).toBe(0);
    expect(titles(memberSecret)).not.toContain("after");

    const retry = await connect(seed.member.client);
    const { outcome, channel } = await retry.attempt(seed.secret.id);
    expect(outcome).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.forbidden });
    expect(channel.doc.store.clients.size).toBe(0);
    const thread = await retry.attemptDocument(threadDocumentName(seed.secret.id, before.threadId));
    expect(thread.outcome).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.forbidden });
    expect(thread.channel.doc.store.clients.size).toBe(0);
  });

  it("closes every connection of a deactivated person, on every socket", async () => {
    const { server, seed, connect } = await workspace();
    const laptop = await connect(seed.member.client);
    const phone = await connect(seed.member.client);
    const channels = await Promise.all([
      laptop.open(seed.general.id),
      laptop.open(seed.secret.id),
      phone.open(seed.secret.id),
    ]);
    await expectClosedAfter(
      () => deactivateUser(server.ctx, seed.admin.user, seed.member.user.id),
      channels,
      CLOSE_CODES.sessionEnded,
    );
  });

  it("ends the connections of the session that logs out, and only those", async () => {
    const { server, seed, connect } = await workspace();
    const otherSession = new ApiClient(server.url);
    const login = await otherSession.post("/api/auth/login", {
      email: seed.member.user.email,
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    const leaving = await connect(seed.member.client);
    const staying = await connect(otherSession);
    const admin = await connect(seed.admin.client);
    const leavingChannels = await Promise.all([
      leaving.open(seed.general.id),
      leaving.open(seed.secret.id),
    ]);
    const stayingGeneral = await staying.open(seed.general.id);

    await expectClosedAfter(
      async () => expect((await seed.member.client.post("/api/auth/logout")).status).toBe(204),
      leavingChannels,
      CLOSE_CODES.sessionEnded,
    );
    await write(admin, seed.general.id, seed.admin.user, "still here?");
    await stayingGeneral.until("the other session still receiving", () =>
      titles(stayingGeneral).includes("still here?"),
    );
  });

  it("closes an agent's connections when its API key is revoked, not those of its other key", async () => {
    const { server, seed } = await workspace();
    const doomed = createApiKey(server.ctx, seed.admin.user, seed.agent.user, "doomed");
    const spare = createApiKey(server.ctx, seed.admin.user, seed.agent.user, "spare");
    const revoked = connectPeer(server.websocketUrl, { token: doomed.key });
    const kept = connectPeer(server.websocketUrl, { token: spare.key });
    const revokedChannels = await Promise.all([
      revoked.open(seed.general.id),
      revoked.open(seed.secret.id),
    ]);
    const keptSecret = await kept.open(seed.secret.id);
    await expectClosedAfter(
      () => revokeApiKey(server.ctx, seed.admin.user, doomed.id),
      revokedChannels,
      CLOSE_CODES.sessionEnded,
    );
    await write(kept, seed.secret.id, seed.agent.user, "the spare key writes on");
    await keptSecret.until("the spare key's thread listed", () =>
      titles(keptSecret).includes("the spare key writes on"),
    );
  });

  it("turns a writer read-only after the channel is archived and it reconnects", async () => {
    const { server, seed } = await workspace();
    const token = await webSocketToken(seed.member.client);
    const member = connectPeer(server.websocketUrl, { token });
    const general = await member.open(seed.general.id);
    const before = await write(member, seed.general.id, seed.member.user, "before archiving");
    await general.until("the thread listed", () => titles(general).includes("before archiving"));

    await expectClosedAfter(
      async () => {
        const path = `/api/channels/${seed.general.id}/archive`;
        expect((await seed.admin.client.post(path)).status).toBe(200);
      },
      [general, before.thread],
      CLOSE_CODES.permissionsChanged,
    );
    const reconnected = connectPeer(server.websocketUrl, { token });
    const { outcome, channel } = await reconnected.attempt(seed.general.id);
    expect(outcome).toEqual({ kind: "opened", scope: "readonly" });
    expect(titles(channel)).toContain("before archiving");
    const name = threadDocumentName(seed.general.id, before.threadId);
    const thread = await reconnected.attemptDocument(name);
    expect(thread.outcome).toEqual({ kind: "opened", scope: "readonly" });
    const refusal = thread.channel.refused();
    postMessage(
      thread.channel.doc,
      { kind: "human", id: seed.member.user.id },
      {
        threadId: before.threadId,
        body: "after archiving",
      },
    );
    await refusal;
  });

  it("reopens with the new rights after a member is demoted to guest", async () => {
    const { server, seed } = await workspace();
    const token = await webSocketToken(seed.member.client);
    const member = connectPeer(server.websocketUrl, { token });
    const channels = await Promise.all([member.open(seed.general.id), member.open(seed.secret.id)]);
    await expectClosedAfter(
      () => setRole(server.ctx, seed.admin.user, seed.member.user.id, "guest"),
      channels,
      CLOSE_CODES.permissionsChanged,
    );
    const reconnected = connectPeer(server.websocketUrl, { token });
    const [secret, general] = await Promise.all([
      reconnected.attempt(seed.secret.id),
      reconnected.attempt(seed.general.id),
    ]);
    // Guests may react in their channels: the connections are writable but guarded.
    expect(secret.outcome).toEqual({ kind: "opened", scope: "read-write" });
    expect(general.outcome).toEqual({ kind: "opened", scope: "read-write" });
    // A thread started as a guest: its document opens (reactions), the thread is refused.
    const started = newThreadContent(
      { kind: "human", id: seed.member.user.id },
      { title: "as a guest", body: "as a guest" },
    );
    const thread = await reconnected.attemptDocument(
      threadDocumentName(seed.secret.id, started.threadId),
    );
    expect(thread.outcome).toEqual({ kind: "opened", scope: "read-write" });
    Y.applyUpdate(thread.channel.doc, started.update);
    const closed = await withDeadline(thread.channel.closed, "the refused write's close");
    expect(closed.reason).toBe(CLOSE_CODES.writeRefused.reason);
  });
});
