// The per-person rate of new thread documents (threads/thread-bounds.ts), with the real server
// and providers: a member creating thread documents in a loop with raw Yjs gets its burst and
// no more, in every channel together (the write that would create one more is refused), while
// everyone else still starts threads and the member still opens existing ones; an honest client
// holding more threads written offline than the burst gets every one of them onto the server, by
// syncing again after the pause the server asks for, as the browser does
// (client/src/sync/document-replica.ts), each thread refused about once.
import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  type onCloseParameters,
} from "@hocuspocus/provider";
import {
  type Actor,
  CLOSE_CODES,
  readThreadDigests,
  readTooFast,
  reasonName,
  resyncDelayMs,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import type { UserRecord } from "../src/accounts/principal.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { ThreadIndexRows } from "../src/threads/thread-index-rows.ts";
import { capturedLog } from "./support/captured-log.ts";
import { newThreadContent } from "./support/channel-replica.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { firstWrite, startThreadDocument } from "./support/split-channels.ts";
import { temporaryDataDir, testConfig } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const actorOf = (user: UserRecord): Actor => ({ kind: user.kind, id: user.id });

async function world(overrides: Record<string, string>) {
  const log = capturedLog();
  const server = await startServer(testConfig(temporaryDataDir(), overrides), log.logger);
  onTestFinished(() => server.close());
  const seed = await seedWorkspace(server);
  const rows = new ThreadIndexRows(server.ctx.db.$client);
  return { server, seed, log, stored: (channelId: string) => rows.storedThreadCount(channelId) };
}

async function refusalsOf(server: RunningServer, kind: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`openvibe_write_refusals_total{kind="${kind}"} `));
  return line === undefined ? 0 : Number(line.split(" ").at(-1));
}

/**
 * An honest device's copy of a thread written offline, handed to the server as the browser's
 * replica does: a provider on the shared socket whose first sync's step 2 carries the thread, and
 * which syncs again after the pause the server asked for (resyncDelayMs) when it went too fast.
 */
function offlineThread(
  socket: HocuspocusProviderWebsocket,
  token: string,
  name: string,
  update: Uint8Array,
) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const refusals: { reason: string; at: number }[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
  });
  provider.on("close", ({ event }: onCloseParameters) => {
    const said = readTooFast(event.reason);
    if (said === null) return;
    refusals.push({ reason: event.reason, at: Date.now() });
    setTimeout(
      async () => {
        await provider.sendToken();
        provider.startSync();
      },
      resyncDelayMs(said, refusals.length - 1),
    );
  });
  provider.attach();
  onTestFinished(() => provider.destroy());
  return { provider, refusals };
}

describe("new threads per person", () => {
  it("gives a member creating thread documents in a loop its burst and no more, in every channel together", async () => {
    // Three at once, then one a minute: nothing refills while the test runs.
    const { server, seed, log, stored } = await world({
      OPENVIBE_NEW_THREADS_PER_MINUTE: "1",
      OPENVIBE_NEW_THREADS_BURST: "3",
    });
    const member = actorOf(seed.member.user);
    const flooder = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      // Raw Yjs: the thread's content applied to the document as soon as it opens.
      const channelId = i % 2 === 0 ? seed.general.id : seed.secret.id;
      const content = newThreadContent(member, { title: `flood ${i}`, body: `flood ${i}` });
      const channel = await flooder.openDocument(threadDocumentName(channelId, content.threadId));
      outcomes.push(reasonName(await firstWrite(channel, content.update)));
    }
    const tooMany = CLOSE_CODES.tooManyNewThreads.reason;
    expect(outcomes).toEqual([
      "stored",
      "stored",
      "stored",
      tooMany,
      tooMany,
      tooMany,
      tooMany,
      tooMany,
    ]);
    // Nothing of a refused one is stored: the channels hold the burst, counted across both.
    expect(stored(seed.general.id) + stored(seed.secret.id)).toBe(3);
    expect(await refusalsOf(server, "too-many-new-threads")).toBe(5);
    const warnings = log.entries.filter((entry) => entry.msg === "too many new threads");
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatchObject({ level: 40, userId: seed.member.user.id });

    // Another member still starts threads, and the flooder still opens and writes in them.
    const admin = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    const started = await startThreadDocument(admin, seed.general.id, actorOf(seed.admin.user), {
      title: "still open for threads",
      body: "hello",
    });
    const existing = await flooder.openDocument(
      threadDocumentName(seed.general.id, started.threadId),
    );
    await existing.until("the admin's thread", () =>
      Boolean(threadView(existing.doc, started.threadId)),
    );
    expect(stored(seed.general.id) + stored(seed.secret.id)).toBe(4);
  });

  it("gets every thread an honest client wrote offline onto the server, past the burst, each refused about once", async () => {
    // Two at once, then two a second.
    const { server, seed, stored } = await world({
      OPENVIBE_NEW_THREADS_PER_MINUTE: "120",
      OPENVIBE_NEW_THREADS_BURST: "2",
      OPENVIBE_INDEX_HOLD_MS: "50",
    });
    const member = actorOf(seed.member.user);
    const count = 14;
    const written = Array.from({ length: count }, (_, i) =>
      newThreadContent(member, { title: `offline ${i}`, body: `written on the train ${i}` }),
    );
    // The device comes back online: every thread document at once over its one socket.
    const token = await webSocketToken(seed.member.client);
    const socket = new HocuspocusProviderWebsocket({ url: server.websocketUrl });
    onTestFinished(() => socket.destroy());
    const started = Date.now();
    const copies = written.map((thread) =>
      offlineThread(
        socket,
        token,
        threadDocumentName(seed.general.id, thread.threadId),
        thread.update,
      ),
    );

    // Every thread reaches another member, in the channel's index.
    const admin = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    const channel = await admin.open(seed.general.id);
    const listed = () => {
      const digests = readThreadDigests(channel.doc);
      return written.filter((thread) => digests.get(thread.threadId)?.messageCount === 1).length;
    };
    await channel.until(
      "every offline thread in the channel's index",
      () => listed() === count,
      30_000,
    );
    const seconds = (Date.now() - started) / 1000;
    // The rate was met on the way, and every refusal said when to come back: each copy past the
    // burst came back at its turn, so it was refused about once (not every 2 s while it waited):
    // 12 past the burst drain in about 6 s at two a second.
    const refusals = copies.flatMap((copy) => copy.refusals);
    expect(new Set(refusals.map(({ reason }) => reasonName(reason)))).toEqual(
      new Set([CLOSE_CODES.tooManyNewThreads.reason]),
    );
    expect(refusals.every(({ reason }) => readTooFast(reason)?.waitMs !== null)).toBe(true);
    expect(refusals.length).toBeGreaterThanOrEqual(count - 2);
    expect(refusals.length).toBeLessThanOrEqual(count - 2 + 3);
    expect(refusals.length / seconds).toBeLessThan(4);
    expect(seconds).toBeLessThan(15);
    expect(await refusalsOf(server, "too-many-new-threads")).toBe(refusals.length);
    expect(stored(seed.general.id)).toBe(count);
  });
});
