// The long-offline client (#16): a member's browser is offline for a week holding hundreds of
// local messages, a fork and reactions, while a colleague writes thousands. One reconnect
// converges: every message once, the same order on every peer and in what the server stored,
// and nothing of either side lost. Smoke sizes here; `./scripts/test --long` writes more.
import {
  type Actor,
  createFork,
  forkView,
  postMessage,
  react,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { channelReplica } from "./support/channel-replica.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const LONG = process.env.OPENVIBE_LONG === "1";
const OFFLINE_MESSAGES = LONG ? 500 : 150;
const ONLINE_MESSAGES = LONG ? 5_000 : 1_500;
/** Messages per transaction on the online side: a busy channel, not one update per message. */
const PER_UPDATE = 50;
const WEEK_MS = 7 * 24 * 3600 * 1000;

describe("a client offline for a week", () => {
  it("converges in one reconnect with every message once, in one order", async () => {
    const server = await startTestServer({ OPENVIBE_WRITES_PER_SECOND: "100000" });
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const admin: Actor = { kind: "human", id: seed.admin.user.id };
    const memberToken = () => webSocketToken(seed.member.client);

    // The thread's own document (the channel is split) is what both sides write.
    const started = await channelReplica(
      connectPeer(server.current.websocketUrl, { token: await webSocketToken(seed.admin.client) }),
      seed.general.id,
    ).createThread(admin, { title: "the week", body: "monday" });
    const { threadId, messageId: opening, thread: colleague } = started;
    const name = threadDocumentName(seed.general.id, threadId);

    // The member's browser syncs once, then goes offline with its copy (IndexedDB's).
    const before = connectPeer(server.current.websocketUrl, { token: await memberToken() });
    const synced = await before.openDocument(name);
    await synced.until("the thread", () => threadView(synced.doc, threadId) !== undefined);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(synced.doc));
    before.close();

    // A week apart: the member's clock stamps a week ago, the colleague's now.
    const weekAgo = Date.now() - WEEK_MS;
    let offlineIds = 0;
    const offlineEnv = {
      now: () => weekAgo + offlineIds,
      newId: () => `offline-${String(++offlineIds).padStart(6, "0")}`,
    };
    const offlineMessages: string[] = [];
    for (let i = 0; i < OFFLINE_MESSAGES; i += 1) {
      offlineMessages.push(
        postMessage(offline, member, { threadId, body: `offline ${i}` }, offlineEnv),
      );
    }
    const forkId = createFork(
      offline,
      member,
      { messageId: opening, body: "on the train" },
      offlineEnv,
    );
    react(offline, member, { messageId: opening, emoji: "🚆" }, offlineEnv);

    for (let i = 0; i < ONLINE_MESSAGES; i += PER_UPDATE) {
      colleague.doc.transact(() => {
        for (let j = i; j < Math.min(i + PER_UPDATE, ONLINE_MESSAGES); j += 1) {
          postMessage(colleague.doc, admin, { threadId, body: `online ${j}` });
        }
      });
      await colleague.acknowledged();
    }

    // Back online: the copy from the browser's store opens the thread document again.
    const after = connectPeer(server.current.websocketUrl, { token: await memberToken() });
    const back = await after.openDocument(name);
    Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(offline));
    await back.acknowledged(30_000);
    const total = 1 + OFFLINE_MESSAGES + ONLINE_MESSAGES;
    const ids = (doc: Y.Doc) => threadView(doc, threadId)?.messages.map((m) => m.id) ?? [];
    await back.until("every message on the member's replica", () => ids(back.doc).length === total);
    await colleague.until(
      "every message on the colleague's",
      () => ids(colleague.doc).length === total,
    );
    const stored = await connectPeer(server.current.websocketUrl, {
      token: seed.agent.apiKey,
    }).openDocument(name);

    const order = ids(stored.doc);
    expect(order).toHaveLength(total);
    expect(new Set(order).size).toBe(total);
    expect(ids(back.doc)).toEqual(order);
    expect(ids(colleague.doc)).toEqual(order);
    for (const id of offlineMessages) expect(order).toContain(id);
    // Written a week ago, the offline messages sort before the colleague's, in their own order.
    expect(order.slice(1, 1 + OFFLINE_MESSAGES)).toEqual(offlineMessages);
    expect(forkView(stored.doc, forkId)?.messages.map((m) => m.body)).toEqual(["on the train"]);
    const reacted = threadView(stored.doc, threadId)?.messages[0]?.reactions ?? [];
    expect(reacted).toEqual([expect.objectContaining({ emoji: "🚆", actorIds: [member.id] })]);
  }, 120_000);
});
