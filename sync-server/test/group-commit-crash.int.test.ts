// Writers that do not wait for one message's acknowledgement before sending the next, several
// at once on one thread document of a split channel, so the server's group commit stores many
// updates per transaction. A
// SIGKILL loses none of the messages any writer saw acknowledged.
import { getMessage, postMessage, threadDocumentName } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { newThreadContent } from "./support/channel-replica.ts";
import { spawnServer } from "./support/child-server.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { seedOverHttp } from "./support/seed-over-http.ts";
import { temporaryDataDir } from "./support/test-server.ts";
import { onEvent, waitFor } from "./support/wait-for.ts";

const WRITERS = 6;
/** Messages a writer keeps unacknowledged at most. */
const IN_FLIGHT = 8;

interface Posted {
  messageId: string;
  body: string;
}

/**
 * Posts until `stop` resolves, keeping up to IN_FLIGHT messages unacknowledged, and returns the
 * messages the server acknowledged. It acknowledges a connection's updates in the order it
 * received them, so after each acknowledgement the first `sent - unsynced` are acknowledged.
 */
async function writeUntil(
  channel: OpenChannel,
  writer: string,
  actorId: string,
  threadId: string,
  stop: Promise<void>,
) {
  const actor = { kind: "human", id: actorId } as const;
  let stopped = false;
  const stopping = stop.then(() => {
    stopped = true;
  });
  const sent: Posted[] = [];
  let acknowledged = 0;
  // After the kill the provider reconnects and recounts; only acks from before it count.
  channel.provider.on("unsyncedChanges", () => {
    if (!stopped)
      acknowledged = Math.max(acknowledged, sent.length - channel.provider.unsyncedChanges);
  });
  for (let n = 0; !stopped; n++) {
    const body = `${writer} message ${n} ${"x".repeat(n % 30)}`;
    sent.push({ messageId: postMessage(channel.doc, actor, { threadId, body }), body });
    if (channel.provider.unsyncedChanges < IN_FLIGHT) continue;
    const room = waitFor(
      `room in ${writer}'s window`,
      () => channel.provider.unsyncedChanges < IN_FLIGHT,
      onEvent(channel.provider, "unsyncedChanges"),
      30_000,
    );
    // Once the server is killed no ack comes: the race below has already moved on.
    room.catch(() => {});
    await Promise.race([room, stopping]);
  }
  return sent.slice(0, acknowledged);
}

describe("group commit under SIGKILL", () => {
  it("keeps every acknowledged message of writers that pipeline", async () => {
    const dataDir = temporaryDataDir();
    const env = {
      OPENVIBE_DATA_DIR: dataDir,
      OPENVIBE_SQLITE_SYNCHRONOUS: "full",
      OPENVIBE_COMPACT_AFTER_UPDATES: "200",
      OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "200",
      OPENVIBE_LOG_LEVEL: "debug",
    };
    const server = await spawnServer(env);
    const { apiKey, adminId, channels } = await seedOverHttp(
      server.websocketUrl.replace(/^ws/, "http"),
      ["busy"],
    );
    const channelId = channels.busy ?? "";
    // One thread, written by every writer into its document.
    const started = newThreadContent(
      { kind: "human", id: adminId },
      { title: "busy", body: "first" },
    );
    const name = threadDocumentName(channelId, started.threadId);
    const replicas = await Promise.all(
      Array.from({ length: WRITERS }, () =>
        connectPeer(server.websocketUrl, { token: apiKey }).openDocument(name),
      ),
    );
    const [first] = replicas;
    if (first === undefined) throw new Error("no writers");
    Y.applyUpdate(first.doc, started.update);
    await first.acknowledged(30_000);
    await Promise.all(
      replicas.map((replica) =>
        replica.until("the thread", () => replica.doc.getMap("threads").size > 0, 30_000),
      ),
    );
    let kill: () => void = () => {};
    const killing = new Promise<void>((resolve) => {
      kill = resolve;
    });
    const runs = replicas.map((channel, index) =>
      writeUntil(channel, `writer-${index}`, adminId, started.threadId, killing),
    );

    // Kill mid-stream once commits grouped several updates and a compaction has run.
    await server.entry(
      "a commit of several updates",
      (e) => e.msg === "updates stored" && Number(e.updates) >= 4,
      30_000,
    );
    await server.logged("document compacted", 30_000);
    kill();
    await server.kill();
    const acknowledged = (await Promise.all(runs)).flat();
    expect(acknowledged.length).toBeGreaterThan(WRITERS * IN_FLIGHT);

    const restarted = await spawnServer(env);
    const reader = connectPeer(restarted.websocketUrl, { token: apiKey });
    const { doc } = await reader.openDocument(name);
    const missing = acknowledged.filter((a) => getMessage(doc, a.messageId)?.body !== a.body);
    expect(missing, "acknowledged messages missing after the restart").toEqual([]);
    reader.close();
    await restarted.kill();
  }, 60_000);
});
