// Direct messages: the same people always open the same conversation; two to eight active
// non-guests; only they see it, open its document, search it or change its people (admins who
// are not in it included), and a channel name cannot pose as one.
import { type ChannelView, threadDocumentName } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { channelReplica } from "./support/channel-replica.ts";
import { connectPeer } from "./support/peers.ts";
import { buildSearchWorld, indexed, search, thread } from "./support/search-world.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";

describe("direct messages", () => {
  it("open the same conversation for the same people, whoever starts it", async () => {
    const w = await buildSearchWorld((await startTestServer()).current);
    const started = await w.member.client.post<ChannelView>("/api/direct-messages", {
      userIds: [w.admin.user.id, w.agent.user.id],
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      visibility: "direct",
      joined: true,
      writable: true,
      memberCount: 3,
      directMembers: [w.admin.user.id, w.agent.user.id, w.member.user.id].sort(),
    });
    const again = await w.admin.client.post<ChannelView>("/api/direct-messages", {
      userIds: [w.agent.user.id, w.member.user.id, w.member.user.id],
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(started.body.id);
    // A different set of people is another conversation.
    const pair = await w.member.client.post<ChannelView>("/api/direct-messages", {
      userIds: [w.admin.user.id],
    });
    expect(pair.status).toBe(201);
    expect(pair.body.id).not.toBe(started.body.id);
    const listed = await w.member.client.get<ChannelView[]>("/api/channels");
    expect(
      listed.body
        .filter((c) => c.visibility === "direct")
        .map((c) => c.id)
        .sort(),
    ).toEqual([started.body.id, pair.body.id].sort());
  });

  it("refuse guests, too few or too many people, and anyone who cannot be in one", async () => {
    const w = await buildSearchWorld((await startTestServer()).current);
    const open = (client = w.member.client, userIds: unknown = []) =>
      client.post("/api/direct-messages", { userIds });
    expect((await open(w.guest.client, [w.member.user.id])).status).toBe(403);
    expect((await open(w.member.client, [])).status).toBe(400);
    expect((await open(w.member.client, [w.member.user.id])).status).toBe(400);
    expect((await open(w.member.client, [w.guest.user.id])).status).toBe(400);
    expect((await open(w.member.client, ["no-such-person"])).status).toBe(400);
    expect(
      (
        await open(
          w.member.client,
          Array.from({ length: 8 }, (_, i) => `p${i}`),
        )
      ).status,
    ).toBe(400);
    expect((await w.member.client.post("/api/direct-messages", { userIds: [], x: 1 })).status).toBe(
      400,
    );
    // A channel cannot take a direct message's kind of name, nor become one.
    const named = await w.member.client.post("/api/channels", { name: "dm-lookalike" });
    expect(named.status).toBe(400);
    const direct = await w.member.client.post("/api/channels", {
      name: "sneaky",
      visibility: "direct",
    });
    expect(direct.status).toBe(400);
  });

  it("are seen, opened and searched by their people only, admins included", async () => {
    const test = await startTestServer();
    const w = await buildSearchWorld(test.current);
    const dm = await w.member.client.post<ChannelView>("/api/direct-messages", {
      userIds: [w.outsider.user.id],
    });
    const memberPeer = connectPeer(w.server.websocketUrl, {
      token: await webSocketToken(w.member.client),
    });
    const conversation = channelReplica(memberPeer, dm.body.id);
    const { threadId } = await thread(
      conversation,
      w.memberActor,
      "the quokka surprise party is on saturday",
    );
    await indexed(w.server, conversation);

    expect((await search(w.outsider.client, "quokka ")).total.count).toBe(1);
    expect((await search(w.member.client, "quokka ")).total.count).toBe(1);
    expect((await search(w.admin.client, "quokka ")).total.count).toBe(0);
    expect((await w.admin.client.get(`/api/channels/${dm.body.id}`)).status).toBe(404);
    const adminsList = await w.admin.client.get<ChannelView[]>("/api/channels");
    expect(adminsList.body.some((c) => c.id === dm.body.id)).toBe(false);
    const adminPeer = connectPeer(w.server.websocketUrl, {
      token: await webSocketToken(w.admin.client),
    });
    const { outcome } = await adminPeer.attempt(dm.body.id);
    expect(outcome).toMatchObject({ kind: "denied", reason: "forbidden" });
    const inThread = await adminPeer.attemptDocument(threadDocumentName(dm.body.id, threadId));
    expect(inThread.outcome).toMatchObject({ kind: "denied", reason: "forbidden" });
    // Its people are fixed: nobody adds, removes or renames.
    const members = `/api/channels/${dm.body.id}/members`;
    expect((await w.member.client.put(`${members}/${w.admin.user.id}`)).status).toBe(403);
    expect((await w.admin.client.put(`${members}/${w.admin.user.id}`)).status).toBe(404);
    expect((await w.member.client.delete(`${members}/${w.outsider.user.id}`)).status).toBe(403);
    const renamed = await w.member.client.patch(`/api/channels/${dm.body.id}`, { topic: "x" });
    expect(renamed.status).toBe(403);
  });
});
