// Web push against a real server and a local push service (support/push-service.ts) that checks
// every request's VAPID signature and decrypts its payload: mentions and direct messages reach
// the people they are for while no tab of theirs is open, never the author or anyone who cannot
// read the channel; a gone subscription is removed; bad subscriptions are refused.
import {
  type ChannelView,
  defaultEnv,
  type PushKeyView,
  postMessage,
  pushNotification,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { PushNotifications } from "../src/collaboration/push-notifications.ts";
import { subscriptionsOf } from "../src/push/subscriptions.ts";
import type { RunningServer } from "../src/server.ts";
import type { ApiClient } from "./support/api-client.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { connectPeer } from "./support/peers.ts";
import { FakePushService, type FakeSubscription } from "./support/push-service.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { type SeededWorkspace, seedWorkspace } from "./support/workspace-fixture.ts";

interface PushWorld extends SeededWorkspace {
  server: RunningServer;
  push: FakePushService;
  vapidPublicKey: string;
}

async function pushWorld(): Promise<PushWorld> {
  const server = (await startTestServer()).current;
  const seeded = await seedWorkspace(server);
  const key = await seeded.member.client.get<PushKeyView>("/api/push/key");
  expect(key.status).toBe(200);
  const push = await FakePushService.start(key.body.publicKey);
  return { ...seeded, server, push, vapidPublicKey: key.body.publicKey };
}

async function subscribe(w: PushWorld, client: ApiClient): Promise<FakeSubscription> {
  const subscription = w.push.subscription();
  const saved = await client.post("/api/push/subscriptions", subscription.json);
  expect(saved.status).toBe(204);
  return subscription;
}

/** Waits until every delivery the server started has ended. */
async function deliveriesSettled(server: RunningServer): Promise<void> {
  for (const extension of server.hocuspocus.configuration.extensions) {
    if (extension instanceof PushNotifications) {
      await extension.settled();
    }
  }
}

/** A replica of a split channel for the person `client` signs in as (their thread documents). */
async function replicaAs(w: PushWorld, client: ApiClient, channelId: string) {
  const peer = connectPeer(w.server.websocketUrl, { token: await webSocketToken(client) });
  return channelReplica(peer, channelId);
}

describe("web push", () => {
  it("pushes a mention to the person named when no tab of theirs is open, signed and encrypted", async () => {
    const w = await pushWorld();
    const [toGuest, toAdmin, toAuthor, toOutsider] = [
      await subscribe(w, w.guest.client),
      await subscribe(w, w.admin.client),
      await subscribe(w, w.member.client),
      await subscribe(w, w.outsider.client),
    ];
    // The admin has a tab open (any channel); the guest has none.
    await (await replicaAs(w, w.admin.client, w.general.id)).peer.open(w.general.id);
    const secret = await replicaAs(w, w.member.client, w.secret.id);
    const posted = await secret.createThread(
      { kind: "human", id: w.member.user.id },
      {
        title: "Launch",
        body: "@guest @admin @member @outsider the **launch** is at noon",
      },
    );

    const push = await w.push.firstPush(toGuest.endpoint, "the guest's push");
    expect(pushNotification.parse(push.payload)).toEqual({
      title: "member in #secret-plans",
      body: "@guest @admin @member @outsider the launch is at noon",
      url: `/c/${w.secret.id}/t/${posted.threadId}?m=${posted.messageId}`,
    });
    expect(push.claims.aud).toBe(w.push.origin);
    const nowSeconds = Date.now() / 1000;
    expect(push.claims.exp).toBeGreaterThan(nowSeconds);
    expect(push.claims.exp).toBeLessThanOrEqual(nowSeconds + 24 * 60 * 60);
    expect(push.claims.sub).toMatch(/^(mailto|https):/);

    await deliveriesSettled(w.server);
    // Online, the author, and someone outside the private channel: nothing.
    for (const quiet of [toAdmin, toAuthor, toOutsider])
      expect(w.push.pushesTo(quiet.endpoint)).toEqual([]);
    expect(w.push.failures).toEqual([]);
    expect(subscriptionsOf(w.server.ctx, w.guest.user.id)[0]?.lastSuccessAt).not.toBeNull();
  });

  it("pushes a direct message to everyone else in it, fresh messages only; 410 removes a subscription", async () => {
    const w = await pushWorld();
    const opened = await w.member.client.post<ChannelView>("/api/direct-messages", {
      userIds: [w.admin.user.id, w.outsider.user.id],
    });
    expect(opened.status).toBe(201);
    const dm = opened.body;
    const [toAdmin, toOutsider, toAuthor] = [
      await subscribe(w, w.admin.client),
      await subscribe(w, w.outsider.client),
      await subscribe(w, w.member.client),
    ];
    w.push.answer(toOutsider.endpoint, 410);
    const channel = await replicaAs(w, w.member.client, dm.id);
    const author = { kind: "human" as const, id: w.member.user.id };
    // Written offline an hour ago and synced now: not news.
    const hourAgo = Date.now() - 60 * 60 * 1000;
    const old = await channel.createThread(
      author,
      { title: "Old", body: "from the train" },
      {
        now: () => hourAgo,
        newId: defaultEnv.newId,
      },
    );
    const fresh = postMessage(old.thread.doc, author, { threadId: old.threadId, body: "Lunch?" });
    await channel.acknowledged();

    const push = await w.push.firstPush(toAdmin.endpoint, "the admin's push");
    expect(pushNotification.parse(push.payload)).toEqual({
      title: "member (direct message)",
      body: "Lunch?",
      url: `/c/${dm.id}/t/${old.threadId}?m=${fresh}`,
    });
    await w.push.firstPush(toOutsider.endpoint, "the outsider's push");
    await deliveriesSettled(w.server);
    expect(w.push.pushesTo(toAdmin.endpoint)).toHaveLength(1);
    expect(w.push.pushesTo(toAuthor.endpoint)).toEqual([]);
    expect(w.push.failures).toEqual([]);
    // The push service said the outsider's subscription is gone.
    expect(subscriptionsOf(w.server.ctx, w.outsider.user.id)).toEqual([]);
    expect(subscriptionsOf(w.server.ctx, w.admin.user.id)).toHaveLength(1);
  });

  it("saves, moves and deletes subscriptions for their owner only, and refuses bad bodies", async () => {
    const w = await pushWorld();
    const subscription = await subscribe(w, w.member.client);
    // Another person signs in in the same browser: the subscription is theirs now.
    expect((await w.admin.client.post("/api/push/subscriptions", subscription.json)).status).toBe(
      204,
    );
    expect(subscriptionsOf(w.server.ctx, w.member.user.id)).toEqual([]);
    const { endpoint } = subscription;
    expect(
      (await w.member.client.request("DELETE", "/api/push/subscriptions", { endpoint })).status,
    ).toBe(204);
    expect(subscriptionsOf(w.server.ctx, w.admin.user.id)).toHaveLength(1);
    expect(
      (await w.admin.client.request("DELETE", "/api/push/subscriptions", { endpoint })).status,
    ).toBe(204);
    expect(subscriptionsOf(w.server.ctx, w.admin.user.id)).toEqual([]);

    const good = subscription.json;
    const bad: unknown[] = [
      {},
      { ...good, endpoint: good.endpoint.replace("https:", "http:") },
      { ...good, endpoint: "not a url" },
      { ...good, endpoint: `${good.endpoint}/${"x".repeat(2048)}` },
      { endpoint: good.endpoint },
      { ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(1) } },
      { ...good, keys: { ...good.keys, p256dh: `C${good.keys.p256dh.slice(1)}` } },
      { ...good, keys: { ...good.keys, auth: `${good.keys.auth}==` } },
      { ...good, keys: { ...good.keys, auth: "x".repeat(21) } },
      { ...good, keys: { ...good.keys, extra: "1" } },
      { ...good, owner: w.admin.user.id },
      [good],
    ];
    for (const body of bad) {
      const answer = await w.member.client.post("/api/push/subscriptions", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    expect((await w.member.client.request("DELETE", "/api/push/subscriptions", {})).status).toBe(
      400,
    );
    expect(subscriptionsOf(w.server.ctx, w.member.user.id)).toEqual([]);
  });
});
