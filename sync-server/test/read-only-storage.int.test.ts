// A data directory that turns read-only under the running server (the kernel's answer to a disk
// error): writes fail loudly (logged at error level), nothing is acknowledged or forwarded, the
// server stays up and serves what it holds, /ready says why, and the writer keeps its changes.
// Once the file system is repaired and the server started again, the writer's provider
// reconnects by itself and its changes are stored; everything acknowledged before is still there.
import { join } from "node:path";
import { type Actor, createThread, postMessage, threadView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { spawnServer } from "./support/child-server.ts";
import { failingDisk } from "./support/failing-disk.ts";
import { connectPeer } from "./support/peers.ts";
import { seedOverHttp } from "./support/seed-over-http.ts";
import { pollUntil } from "./support/wait-for.ts";

const ERROR_LEVEL = 50;
const readiness = async (httpUrl: string) => (await fetch(`${httpUrl}/ready`)).status;

describe("a data directory that turns read-only", () => {
  it("fails writes loudly, stays up, says so, and stores the kept changes once writable again", async () => {
    const disk = failingDisk(64);
    const env = { OPENVIBE_DATA_DIR: join(disk.dir, "data") };
    const first = await spawnServer(env);
    const httpUrl = first.websocketUrl.replace(/^ws/, "http");
    const seeded = await seedOverHttp(httpUrl, ["disk"]);
    const channelId = seeded.channels.disk ?? "";
    const admin: Actor = { kind: "human", id: seeded.adminId };
    const writer = await connectPeer(first.websocketUrl, { token: seeded.apiKey }).open(channelId);
    const reader = await connectPeer(first.websocketUrl, { token: seeded.apiKey }).open(channelId);
    const { threadId } = createThread(writer.doc, admin, { title: "disk", body: "before 0" });
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

    // The kernel keeps the file system read-only until it is unmounted: the operator stops the
    // server (it exits, though its last updates cannot be stored), repairs the disk and starts
    // the server again, on the same address.
    await first.terminate();
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
