// The per-person rate of new thread documents (threads/thread-bounds.ts), with the real server
// and providers: a member opening new thread documents in a loop with raw Yjs gets its burst and
// no more, in every channel together, while everyone else still starts threads and the member
// still opens existing ones; an honest client holding more threads written offline than the
// burst gets every one of them onto the server, by opening again after a pause as the browser
// does (client/src/sync/document-replica.ts).
import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  type onAuthenticationFailedParameters,
} from "@hocuspocus/provider";
import {
  type Actor,
  CONNECTION_DENIALS,
  isTooFast,
  readThreadDigests,
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
import { startThreadDocument } from "./support/split-channels.ts";
import { temporaryDataDir, testConfig } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const actorOf = (user: UserRecord): Actor => ({ kind: user.kind, id: user.id });

/** The browser's pause before it opens a thread document again after `too-many-new-threads`. */
const PAUSE_MS = 2_000;

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
 * which opens the document again after a pause when the server says it went too fast.
 */
function offlineThread(
  socket: HocuspocusProviderWebsocket,
  token: string,
  name: string,
  update: Uint8Array,
) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const denials: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
  });
  provider.on("authenticationFailed", ({ reason }: onAuthenticationFailedParameters) => {
    denials.push(reason);
    if (!isTooFast(reason)) return;
    setTimeout(async () => {
      await provider.sendToken();
      provider.startSync();
    }, PAUSE_MS);
  });
  provider.attach();
  onTestFinished(() => provider.destroy());
  return { provider, denials };
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
      const { outcome, channel } = await flooder.attemptDocument(
        threadDocumentName(channelId, content.threadId),
      );
      if (outcome.kind === "opened") {
        Y.applyUpdate(channel.doc, content.update);
        await channel.acknowledged();
        outcomes.push("opened");
      } else outcomes.push(outcome.reason);
    }
    const tooMany = CONNECTION_DENIALS.tooManyNewThreads;
    expect(outcomes).toEqual([
      "opened",
      "opened",
      "opened",
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

  it("gets every thread an honest client wrote offline onto the server, past the burst", async () => {
    // Two at once, then two a second.
    const { server, seed, stored } = await world({
      OPENVIBE_NEW_THREADS_PER_MINUTE: "120",
      OPENVIBE_NEW_THREADS_BURST: "2",
      OPENVIBE_INDEX_HOLD_MS: "50",
    });
    const member = actorOf(seed.member.user);
    const written = Array.from({ length: 7 }, (_, i) =>
      newThreadContent(member, { title: `offline ${i}`, body: `written on the train ${i}` }),
    );
    // The device comes back online: every thread document at once over its one socket.
    const token = await webSocketToken(seed.member.client);
    const socket = new HocuspocusProviderWebsocket({ url: server.websocketUrl });
    onTestFinished(() => socket.destroy());
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
      () => listed() === 7,
      30_000,
    );
    // The rate was met on the way: copies refused as too fast opened again after a pause.
    const denials = copies.flatMap((copy) => copy.denials);
    expect(denials.length).toBeGreaterThan(0);
    expect(new Set(denials)).toEqual(new Set([CONNECTION_DENIALS.tooManyNewThreads]));
    expect(await refusalsOf(server, "too-many-new-threads")).toBe(denials.length);
    expect(stored(seed.general.id)).toBe(7);
  });
});
