// A server killed with SIGKILL while peers keep writing must lose none of the
// updates it had acknowledged: every message a writer saw acknowledged is in
// the channel's thread document (one per channel, the channels being split) after a restart,
// across several crash/restart cycles and with
// compactions running in between; and in the search index as soon as the restarted server
// listens (the index is written a little after each change: what a kill left out is caught up
// at start, search/index-catch-up.ts). The writers stay connected throughout: after
// each restart (same address) their sockets come back by themselves, with the
// browser's reconnect settings, and every writer converges with the server.
// When each one came back is printed per kill: the reconnect spread (that it is
// no single burst is asserted in reconnect-jitter.int.test.ts, where the server
// is back before the first attempt; here a child process takes longer to start).
import { getMessage, postMessage, threadDocumentName } from "@openvibe/schema";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { databasePath } from "../src/db/open-database.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { type ChildServer, spawnServer } from "./support/child-server.ts";
import { connectPeer, type OpenChannel, type Peer } from "./support/peers.ts";
import {
  describeSpread,
  nextConnections,
  type ReconnectSpread,
  reconnectSpread,
} from "./support/reconnect-spread.ts";
import { seedOverHttp } from "./support/seed-over-http.ts";
import { temporaryDataDir } from "./support/test-server.ts";

interface Acknowledged {
  channelId: string;
  messageId: string;
  body: string;
}

/** The acknowledged messages so far, with a way to await a count. */
class AcknowledgementLog {
  readonly entries: Acknowledged[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  record(entry: Acknowledged): void {
    this.entries.push(entry);
    for (const waiter of this.waiters.filter((w) => w.count <= this.entries.length))
      waiter.resolve();
  }

  reached(count: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.entries.length >= count) resolve();
      else this.waiters.push({ count, resolve });
    });
  }
}

const CHANNEL_NAMES = ["crash-a", "crash-b"];
/** Smoke sizes in the suite; `./scripts/test --long` kills the server 20 times under 20 writers. */
const LONG = process.env.OPENVIBE_LONG === "1";
const WRITERS = LONG ? 20 : 3;
const CYCLES = LONG ? 20 : 3;
const TIMEOUT_MS = LONG ? 1_800_000 : 120_000;

/** Writes messages one after another until `stop` resolves; records each one the server acknowledged. */
async function writeUntil(
  channel: OpenChannel,
  channelId: string,
  threadId: string,
  writer: string,
  actorId: string,
  stop: Promise<void>,
  acknowledged: AcknowledgementLog,
): Promise<void> {
  // The write guard lets a key write only as its owner: every writer is the admin.
  const actor = { kind: "human", id: actorId } as const;
  let stopped = false;
  const stopping = stop.then(() => {
    stopped = true;
  });
  for (let n = 0; !stopped; n++) {
    const body = `${writer} message ${n} ${"x".repeat(n % 40)}`;
    const messageId = postMessage(channel.doc, actor, { threadId, body });
    const ack = channel.acknowledged(30_000).then(() => true);
    // Once the server is killed the ack never comes: the race below already moved on.
    ack.catch(() => {});
    const acked = await Promise.race([ack, stopping.then(() => false)]);
    if (!acked) return;
    acknowledged.record({ channelId, messageId, body });
  }
}

/** When the server said it listened (epoch ms, from its own log line). */
async function listenedAt(server: ChildServer): Promise<number> {
  const entry = await server.entry("the server to listen", (e) => e.msg === "server listening");
  return entry.time as number;
}

/** Of `messageIds`, those without a row in the search index (read beside the live server). */
function unindexed(dataDir: string, messageIds: readonly string[]): string[] {
  const sqlite = new Database(databasePath(dataDir), { readonly: true });
  try {
    const indexed = sqlite.prepare<[string], { one: number }>(
      "SELECT 1 AS one FROM search_messages WHERE message_id = ?",
    );
    return messageIds.filter((id) => indexed.get(id) === undefined);
  } finally {
    sqlite.close();
  }
}

const sameState = (a: Y.Doc, b: Y.Doc) =>
  Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));

describe("durability under SIGKILL", () => {
  it(
    "keeps every acknowledged update across kill -9 and restart; writers reconnect by themselves and converge",
    async () => {
      const dataDir = temporaryDataDir();
      const env = {
        OPENVIBE_DATA_DIR: dataDir,
        OPENVIBE_COMPACT_AFTER_UPDATES: "20",
        OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "20",
        OPENVIBE_SQLITE_SYNCHRONOUS: "full",
        // The writers share one key and write as fast as acks come: above one person's rate.
        OPENVIBE_WRITES_PER_SECOND: "100000",
      };
      const acknowledged = new AcknowledgementLog();
      const spreads: ReconnectSpread[] = [];
      let server = await spawnServer(env);
      // Restarts keep the port: the writers reconnect to the address they know.
      const restartEnv = { ...env, PORT: new URL(server.websocketUrl).port };
      // The first start sets the workspace, its channels and the writers' API key up over HTTP.
      const seeded = await seedOverHttp(server.websocketUrl.replace(/^ws/, "http"), CHANNEL_NAMES);
      const channelIds = CHANNEL_NAMES.map((name) => seeded.channels[name] ?? name);
      // One thread per channel, which all of the channel's writers write into.
      const starter = connectPeer(server.websocketUrl, { token: seeded.apiKey });
      const admin = { kind: "human", id: seeded.adminId } as const;
      const threadIds = new Map<string, string>();
      for (const channelId of channelIds) {
        const { threadId } = await channelReplica(starter, channelId).createThread(admin, {
          title: "writes",
          body: "first",
        });
        threadIds.set(channelId, threadId);
      }
      starter.close();
      const documentOf = (channelId: string) =>
        threadDocumentName(channelId, threadIds.get(channelId) ?? "");
      const writers: { peer: Peer; channel: OpenChannel; channelId: string }[] = await Promise.all(
        Array.from({ length: WRITERS }, async (_, index) => {
          const channelId = channelIds[index % channelIds.length] ?? "";
          const peer = connectPeer(server.websocketUrl, { token: seeded.apiKey });
          return { peer, channel: await peer.openDocument(documentOf(channelId)), channelId };
        }),
      );

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        // Kill once a compaction has finished and after a random number of further
        // acknowledgements: mid-stream for the other writers, often mid-compaction.
        const killed = Promise.all([
          server.logged("document compacted"),
          acknowledged.reached(acknowledged.entries.length + 40 + Math.floor(Math.random() * 60)),
        ]).then(() => undefined);
        const runs = writers.map((w, index) =>
          writeUntil(
            w.channel,
            w.channelId,
            threadIds.get(w.channelId) ?? "",
            `w${cycle}-${index}`,
            seeded.adminId,
            killed,
            acknowledged,
          ),
        );
        await killed;
        await server.kill();
        await Promise.all(runs);

        const reconnected = nextConnections(writers.map((w) => w.peer.socket));
        server = await spawnServer(restartEnv);
        spreads.push(reconnectSpread(await reconnected, await listenedAt(server)));
        expect(
          unindexed(
            dataDir,
            acknowledged.entries.map((a) => a.messageId),
          ),
          `cycle ${cycle}: acknowledged messages missing from the search index`,
        ).toEqual([]);
        console.log(
          `kill ${cycle + 1} of ${CYCLES}: ${describeSpread(spreads[cycle] as ReconnectSpread)}`,
        );

        // What the writers held unacknowledged when the server died is stored now.
        await Promise.all(writers.map((w) => w.channel.acknowledged(30_000)));
        const reader = connectPeer(server.websocketUrl, { token: seeded.apiKey });
        for (const channelId of channelIds) {
          const { doc } = await reader.openDocument(documentOf(channelId));
          const expected = acknowledged.entries.filter((a) => a.channelId === channelId);
          const missing = expected.filter((a) => getMessage(doc, a.messageId)?.body !== a.body);
          expect(missing, `cycle ${cycle}: acknowledged messages missing in ${channelId}`).toEqual(
            [],
          );
          for (const w of writers.filter((w) => w.channelId === channelId)) {
            await w.channel.until(`cycle ${cycle}: a writer converges`, () =>
              sameState(w.channel.doc, doc),
            );
          }
        }
        reader.close();
      }
      expect(acknowledged.entries.length).toBeGreaterThanOrEqual(CYCLES * 40);

      const all = reconnectSpread(
        spreads.flatMap((s) => s.afterMs),
        0,
      );
      console.log(`all ${CYCLES} kills: ${describeSpread(all)}`);
    },
    TIMEOUT_MS,
  );
});
