// A data directory that turns read-only under the running server (the kernel's answer to a disk
// error): writes fail loudly (logged at error level), nothing is acknowledged or forwarded, the
// server stays up and serves what it holds, /ready says why, and the writer keeps its changes.
// Only the channel whose updates wait is held back: another channel is opened, read and
// carries presence between two people meanwhile.
// Once the file system is repaired and the server started again, the writer's provider
// reconnects by itself and its changes are stored; everything acknowledged before is still there.
import { join } from "node:path";
import { type Actor, postMessage, threadDocumentName, threadView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { EX_IOERR } from "../src/stop-steps.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { spawnServer } from "./support/child-server.ts";
import { failingDisk } from "./support/failing-disk.ts";
import { connectPeer } from "./support/peers.ts";
import { seedOverHttp } from "./support/seed-over-http.ts";
import { expectChannelServed } from "./support/served-channel.ts";
import { pollUntil } from "./support/wait-for.ts";

const ERROR_LEVEL = 50;
const readiness = async (httpUrl: string) => (await fetch(`${httpUrl}/ready`)).status;

/** How many documents the server holds loaded, from /metrics (loopback needs no token). */
async function loadedDocuments(httpUrl: string): Promise<number> {
  const metrics = await (await fetch(`${httpUrl}/metrics`)).text();
  return Number(/^openvibe_documents_loaded (\d+)$/m.exec(metrics)?.[1] ?? Number.NaN);
}

describe("a data directory that turns read-only", () => {
  it("fails writes loudly, stays up, says so, and stores the kept changes once writable again", async () => {
    const disk = failingDisk(64);
    const env = { OPENVIBE_DATA_DIR: join(disk.dir, "data") };
    const first = await spawnServer(env);
    const httpUrl = first.websocketUrl.replace(/^ws/, "http");
    const seeded = await seedOverHttp(httpUrl, ["disk", "other"]);
    const channelId = seeded.channels.disk ?? "";
    const otherId = seeded.channels.other ?? "";
    const admin: Actor = { kind: "human", id: seeded.adminId };
    // The other channel holds a stored thread and is not loaded when the disk fails.
    const earlier = connectPeer(first.websocketUrl, { token: seeded.apiKey });
    const other = await channelReplica(earlier, otherId).createThread(admin, {
      title: "other",
      body: "stored before",
    });
    earlier.close();
    await pollUntil("the other channel to unload", async () => {
      return (await loadedDocuments(httpUrl)) === 0;
    });
    const writerPeer = connectPeer(first.websocketUrl, { token: seeded.apiKey });
    const { threadId, thread: writer } = await channelReplica(writerPeer, channelId).createThread(
      admin,
      { title: "disk", body: "before 0" },
    );
    const threadName = threadDocumentName(channelId, threadId);
    const readerPeer = connectPeer(first.websocketUrl, { token: seeded.apiKey });
    const reader = await readerPeer.openDocument(threadName);
    for (const n of [1, 2]) postMessage(writer.doc, admin, { threadId, body: `before ${n}` });
    await writer.acknowledged();
    const bodies = (doc = reader.doc) =>
      threadView(doc, threadId)?.messages.map((m) => m.body) ?? [];
    await reader.until("the acknowledged messages on the reader", () => bodies().length === 3);

    disk.turnReadOnly();
    for (const n of [0, 1]) postMessage(writer.doc, admin, { threadId, body: `read-only ${n}` });
    await first.entry(
      "the failed store logged as an error",
      (e) => (e.level as number) >= ERROR_LEVEL && String(e.msg).startsWith("could not store"),
    );
    await pollUntil("/ready to report the fault", async () => (await readiness(httpUrl)) === 503);
    const ready = await fetch(`${httpUrl}/ready`);
    expect(await ready.json()).toMatchObject({
      error: { code: "not_ready", message: expect.stringContaining("updates cannot be stored") },
    });
    expect((await fetch(`${httpUrl}/health`)).status).toBe(200);
    expect(bodies()).toEqual(["before 0", "before 1", "before 2"]);
    expect(writer.provider.hasUnsyncedChanges).toBe(true);

    // Meanwhile the other channel is served: opened over the writer's socket and the reader's,
    // it loads and syncs, presence passes between them, and a new client opens and reads it.
    await expectChannelServed(
      otherId,
      { threadId: other.threadId, bodies: ["stored before"] },
      {
        first: writerPeer,
        second: readerPeer,
        newcomer: connectPeer(first.websocketUrl, { token: seeded.apiKey }),
      },
    );
    expect(bodies()).toEqual(["before 0", "before 1", "before 2"]);
    expect(writer.provider.hasUnsyncedChanges).toBe(true);

    // The kernel keeps the file system read-only until it is unmounted: the operator stops the
    // server, repairs the disk and starts the server again, on the same address. The stop
    // finishes (the database closed; only the steps that write fail) and says what it could not
    // store, with a failing exit status.
    expect(await first.terminate()).toBe(EX_IOERR);
    const stopped = first.entries().find((e) => String(e.msg).startsWith("server stopped"));
    expect(stopped).toMatchObject({ level: ERROR_LEVEL, updates: expect.any(Number) });
    // The thread document, and the channel document if its digest was rewritten meanwhile.
    const documents = stopped?.documents as string[];
    expect(documents).toContain(threadName);
    for (const name of documents) expect([threadName, `channel:${channelId}`]).toContain(name);
    const failedSteps = first.entries().flatMap((e) => (e.step === undefined ? [] : [e.step]));
    expect(failedSteps).not.toContain("closing the database");
    expect(failedSteps).not.toContain("closing the document store");
    expect(first.entries().some((e) => e.msg === "failed to stop cleanly")).toBe(false);
    disk.repair();
    const port = new URL(first.websocketUrl).port;
    await spawnServer({ ...env, PORT: port });

    await writer.acknowledged(30_000);
    const all = ["before 0", "before 1", "before 2", "read-only 0", "read-only 1"];
    await reader.until("the kept messages on the reader", () => bodies().length === all.length);
    expect(bodies()).toEqual(all);
    await pollUntil("/ready again", async () => (await readiness(httpUrl)) === 200);
  }, 180_000);
});
