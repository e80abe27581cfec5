// A server killed with SIGKILL while peers keep writing must lose none of the
// updates it had acknowledged: every message a writer saw acknowledged is in
// the channel after a restart, across several crash/restart cycles and with
// compactions running in between.
import { createThread, getMessage, postMessage } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { spawnServer } from "./support/child-server.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
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
  const { threadId } = createThread(channel.doc, actor, {
    title: `${writer} writes`,
    body: "first",
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

describe("durability under SIGKILL", () => {
  it(
    "keeps every acknowledged update across kill -9 and restart",
    async () => {
      const dataDir = temporaryDataDir();
      const env = {
        OPENVIBE_DATA_DIR: dataDir,
        OPENVIBE_COMPACT_AFTER_UPDATES: "20",
        OPENVIBE_SQLITE_SYNCHRONOUS: "full",
        // The writers share one key and write as fast as acks come: above one person's rate.
        OPENVIBE_WRITES_PER_SECOND: "100000",
      };
      const acknowledged = new AcknowledgementLog();
      let credentials: { apiKey: string; adminId: string; channelIds: string[] } | null = null;

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const server = await spawnServer(env);
        // The first start sets the workspace, its channels and the writers' API key up over HTTP.
        if (credentials === null) {
          const seeded = await seedOverHttp(
            server.websocketUrl.replace(/^ws/, "http"),
            CHANNEL_NAMES,
          );
          credentials = {
            apiKey: seeded.apiKey,
            adminId: seeded.adminId,
            channelIds: CHANNEL_NAMES.map((name) => seeded.channels[name] ?? name),
          };
        }
        const { apiKey, adminId, channelIds } = credentials;
        // Kill once a compaction has finished and after a random number of further
        // acknowledgements: mid-stream for the other writers, often mid-compaction.
        const killed = Promise.all([
          server.logged("document compacted"),
          acknowledged.reached(acknowledged.entries.length + 40 + Math.floor(Math.random() * 60)),
        ]).then(() => undefined);
        const writers = await Promise.all(
          Array.from({ length: WRITERS }, async (_, index) => {
            const channelId = channelIds[index % channelIds.length] ?? "";
            const peer = connectPeer(server.websocketUrl, { token: apiKey });
            const channel = await peer.open(channelId);
            return {
              peer,
              run: writeUntil(
                channel,
                channelId,
                `w${cycle}-${index}`,
                adminId,
                killed,
                acknowledged,
              ),
            };
          }),
        );
        await killed;
        await server.kill();
        await Promise.all(writers.map((w) => w.run));
        for (const w of writers) w.peer.close();

        const restarted = await spawnServer(env);
        const reader = connectPeer(restarted.websocketUrl, { token: apiKey });
        for (const channelId of channelIds) {
          const { doc } = await reader.open(channelId);
          const expected = acknowledged.entries.filter((a) => a.channelId === channelId);
          const missing = expected.filter((a) => getMessage(doc, a.messageId)?.body !== a.body);
          expect(missing, `cycle ${cycle}: acknowledged messages missing in ${channelId}`).toEqual(
            [],
          );
        }
        reader.close();
        await restarted.kill();
      }
      expect(acknowledged.entries.length).toBeGreaterThanOrEqual(CYCLES * 40);
    },
    TIMEOUT_MS,
  );
});
