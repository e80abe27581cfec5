// Storage faults: a full disk (the data directory on a small tmpfs that fills up) and a database
// another process keeps locked. Writes fail loudly or wait (nothing is acknowledged or
// forwarded), the server stays up, /ready says why, the writer keeps its change; once the fault
// is gone the change is stored, acknowledged and reaches the others. Only the channel whose
// updates wait is held back: another channel opens, is read and carries presence meanwhile.
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Actor, postMessage, threadDocumentName, threadView } from "@openvibe/schema";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { SERVER_PID_FILE } from "../src/backup/server-lock.ts";
import { databasePath } from "../src/db/open-database.ts";
import { EX_IOERR } from "../src/stop-steps.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { spawnServer } from "./support/child-server.ts";
import { failInserts } from "./support/failing-inserts.ts";
import { connectPeer } from "./support/peers.ts";
import { seedOverHttp } from "./support/seed-over-http.ts";
import { expectChannelServed } from "./support/served-channel.ts";
import { fillUp, smallDisk } from "./support/small-disk.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer, temporaryDataDir } from "./support/test-server.ts";
import { pollUntil } from "./support/wait-for.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

/** Writes a file until the disk has no room left; returns its path. */
const ERROR_LEVEL = 50;

describe("storage faults", () => {
  it("acknowledges nothing while full, stays up, says so, and stores the change once there is room", async () => {
    const dataDir = join(smallDisk(24), "data");
    const server = await startTestServer({ OPENVIBE_DATA_DIR: dataDir });
    const { url } = server.current;
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    // The other channel holds a stored thread and is not loaded when the disk fills up.
    const earlier = connectPeer(server.current.websocketUrl, { token: seed.agent.apiKey });
    const agent: Actor = { kind: "agent", id: seed.agent.user.id };
    const other = await channelReplica(earlier, seed.secret.id).createThread(agent, {
      title: "other",
      body: "stored before",
    });
    earlier.close();
    const secretNames = [
      `channel:${seed.secret.id}`,
      threadDocumentName(seed.secret.id, other.threadId),
    ];
    await pollUntil("the other channel's documents to unload", async () => {
      return secretNames.every((name) => !server.current.hocuspocus.documents.has(name));
    });

    const writerPeer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const started = await channelReplica(writerPeer, seed.general.id).createThread(member, {
      title: "disk",
      body: "before",
    });
    const { threadId, thread: writer } = started;
    const readerPeer = connectPeer(server.current.websocketUrl, { token: seed.agent.apiKey });
    const reader = await readerPeer.openDocument(threadDocumentName(seed.general.id, threadId));

    const filler = fillUp(join(dataDir, ".."));
    postMessage(writer.doc, member, { threadId, body: "written on a full disk" });
    await pollUntil("/ready to report the failing store", async () => {
      return (await fetch(`${url}/ready`)).status === 503;
    });
    const ready = await fetch(`${url}/ready`);
    expect(await ready.json()).toMatchObject({ error: { code: "not_ready" } });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(writer.provider.hasUnsyncedChanges).toBe(true);
    const bodies = () => threadView(reader.doc, threadId)?.messages.map((m) => m.body) ?? [];
    expect(bodies()).toEqual(["before"]);

    // Meanwhile the other channel is served: opened over the writer's socket and the reader's,
    // it loads and syncs, presence passes between them, and a new client opens and reads it.
    await expectChannelServed(
      seed.secret.id,
      { threadId: other.threadId, bodies: ["stored before"] },
      {
        first: writerPeer,
        second: readerPeer,
        newcomer: connectPeer(server.current.websocketUrl, {
          token: await webSocketToken(seed.admin.client),
        }),
      },
    );
    expect(bodies()).toEqual(["before"]);
    expect(writer.provider.hasUnsyncedChanges).toBe(true);

    rmSync(filler);
    await writer.acknowledged(20_000);
    await reader.until("the message on the other peer", () => bodies().length === 2);
    expect(bodies()).toEqual(["before", "written on a full disk"]);
    await pollUntil("/ready again", async () => (await fetch(`${url}/ready`)).status === 200);
  });

  it("waits out a lock another process holds, saying so on /ready, and stores the change after", async () => {
    const server = await startTestServer();
    const { url } = server.current;
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const writerPeer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const { threadId, thread: writer } = await channelReplica(
      writerPeer,
      seed.general.id,
    ).createThread(member, { title: "locked", body: "before" });

    // Another process (an operator's sqlite3 shell, a backup tool) takes the write lock.
    const other = new Database(databasePath(server.dataDir));
    onTestFinished(() => {
      other.close();
    });
    other.prepare("BEGIN EXCLUSIVE").run();
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain("locked");
    expect((await fetch(`${url}/health`)).status).toBe(200);
    // A write over HTTP waits a second for the lock, not ten (the event loop waits with it),
    // then says why it was not done.
    const refused = await seed.admin.client.post("/api/channels", { name: "while-locked" });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: "not_ready" } });
    expect(JSON.stringify(refused.body)).toContain("locked by another writer");
    expect(refused.headers.get("retry-after")).toBe("1");
    postMessage(writer.doc, member, { threadId, body: "written while locked" });
    expect(writer.provider.hasUnsyncedChanges).toBe(true);

    other.prepare("COMMIT").run();
    await writer.acknowledged(30_000);
    const reader = await connectPeer(server.current.websocketUrl, {
      token: seed.agent.apiKey,
    }).openDocument(threadDocumentName(seed.general.id, threadId));
    expect(threadView(reader.doc, threadId)?.messages.map((m) => m.body)).toEqual([
      "before",
      "written while locked",
    ]);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect((await seed.admin.client.post("/api/channels", { name: "after-lock" })).status).toBe(
      201,
    );
  });

  it("stops while updates cannot be stored: cleans up, names them and fails; succeeds once stored", async () => {
    const dataDir = temporaryDataDir();
    const first = await spawnServer({ OPENVIBE_DATA_DIR: dataDir });
    const httpUrl = first.websocketUrl.replace(/^ws/, "http");
    const seeded = await seedOverHttp(httpUrl, ["stopping"]);
    const channelId = seeded.channels.stopping ?? "";
    const admin: Actor = { kind: "human", id: seeded.adminId };
    const writerPeer = connectPeer(first.websocketUrl, { token: seeded.apiKey });
    const { threadId, thread: writer } = await channelReplica(writerPeer, channelId).createThread(
      admin,
      { title: "stop", body: "stored" },
    );
    const threadName = threadDocumentName(channelId, threadId);

    // Only the updates fail: everything else the stop writes (the search index) still works.
    const other = new Database(databasePath(dataDir));
    onTestFinished(() => {
      other.close();
    });
    const storageBack = failInserts(other);
    postMessage(writer.doc, admin, { threadId, body: "never stored by the first server" });
    await first.entry("a failed store", (e) => String(e.msg).startsWith("could not store"));
    expect(await first.terminate()).toBe(EX_IOERR);
    const stopped = first.entries().find((e) => String(e.msg).startsWith("server stopped"));
    expect(stopped).toMatchObject({ level: ERROR_LEVEL, updates: expect.any(Number) });
    // The thread document, and the channel document if its digest was rewritten meanwhile.
    const documents = stopped?.documents as string[];
    expect(documents).toContain(threadName);
    for (const name of documents) expect([threadName, `channel:${channelId}`]).toContain(name);
    expect(first.entries().filter((e) => e.step !== undefined)).toEqual([]);
    expect(existsSync(join(dataDir, SERVER_PID_FILE))).toBe(false);

    storageBack();
    const port = new URL(first.websocketUrl).port;
    const second = await spawnServer({ OPENVIBE_DATA_DIR: dataDir, PORT: port });
    await writer.acknowledged(30_000);
    expect(await second.terminate()).toBe(0);
    await second.logged("server stopped");
  }, 120_000);
});
