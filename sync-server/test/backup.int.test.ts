// Backups as an operator makes and uses them: `ovb backup` next to a live server that keeps
// taking writes, `ovb restore` into the stopped server (refused while it runs, for a damaged file
// and for a newer schema), and the recovery people care about: clients holding changes newer than
// the backup send them again, and nothing is lost. Scheduled backups keep the newest few.
import { copyFileSync, existsSync, readdirSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { type Actor, postMessage, threadDocumentName, threadView } from "@openvibe/schema";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { databaseFileProblem } from "../src/backup/backup.ts";
import { ScheduledBackups } from "../src/backup/scheduled-backups.ts";
import { databasePath } from "../src/db/open-database.ts";
import { createLogger } from "../src/logger.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { ovb } from "./support/ovb.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken, webSocketTokenAt } from "./support/socket-credentials.ts";
import { startTestServer, temporaryDataDir } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

describe("backup and restore", () => {
  it("backs up a live server, restores it, and clients send back what the backup lacks", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const peer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    // The channel is split: the thread's messages are in its own document.
    const { threadId, thread: channel } = await channelReplica(peer, seed.general.id).createThread(
      member,
      { title: "kept", body: "before" },
    );
    const name = threadDocumentName(seed.general.id, threadId);

    const file = join(temporaryDataDir(), "nightly.sqlite");
    const backup = await ovb(server.dataDir, ["backup", file]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("integrity ok");
    expect(backup.stderr).toContain("backup: 100%");

    // Written after the backup: the server acknowledged it, the backup does not have it.
    postMessage(channel.doc, member, { threadId, body: "after the backup" });
    await channel.acknowledged();
    const refused = await ovb(server.dataDir, ["restore", file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is running");

    const clientState = Y.encodeStateAsUpdate(channel.doc);
    peer.close();
    await server.current.close();
    const restored = await ovb(server.dataDir, ["restore", file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(readdirSync(server.dataDir).some((name) => name.includes("before-restore"))).toBe(true);

    const restarted = await server.restart();
    const fresh = connectPeer(restarted.websocketUrl, { token: seed.agent.apiKey });
    const before = await fresh.openDocument(name);
    const bodies = (doc: Y.Doc) => threadView(doc, threadId)?.messages.map((m) => m.body) ?? [];
    expect(bodies(before.doc)).toEqual(["before"]);
    // The member's browser still holds the newer copy (IndexedDB) and syncs it.
    const browser = connectPeer(restarted.websocketUrl, {
      token: await webSocketTokenAt(restarted.url, seed.member.user.email),
    });
    const holding = await browser.openDocument(name);
    Y.applyUpdate(holding.doc, clientState);
    await holding.acknowledged();
    await before.until("the newer message back on the server", () =>
      bodies(before.doc).includes("after the backup"),
    );
    expect(bodies(before.doc)).toEqual(["before", "after the backup"]);
  });

  it("refuses a damaged backup and one from a newer version, leaving the database as it was", async () => {
    const server = await startTestServer();
    await seedWorkspace(server.current);
    const dir = temporaryDataDir();
    const good = join(dir, "good.sqlite");
    expect((await ovb(server.dataDir, ["backup", good])).code).toBe(0);
    await server.current.close();

    const truncated = join(dir, "truncated.sqlite");
    copyFileSync(good, truncated);
    truncateSync(truncated, 3000);
    const newer = join(dir, "newer.sqlite");
    copyFileSync(good, newer);
    const db = new Database(newer);
    db.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(
      Date.now() + 365 * 24 * 3600 * 1000,
    );
    db.close();

    for (const [file, why] of [
      [truncated, "cannot restore"],
      [newer, "newer OpenVibe version"],
      [join(dir, "missing.sqlite"), "no backup at"],
    ] as const) {
      const run = await ovb(server.dataDir, ["restore", file]);
      expect(run.code, file).toBe(1);
      expect(run.stderr).toContain(why);
    }
    expect(readdirSync(server.dataDir).some((name) => name.includes("before-restore"))).toBe(false);
    expect(existsSync(databasePath(server.dataDir))).toBe(true);
  });

  it("keeps the newest scheduled backups, each checked", async () => {
    const server = await startTestServer();
    await seedWorkspace(server.current);
    const source = new Database(databasePath(server.dataDir), { readonly: true });
    const backups = new ScheduledBackups({
      source,
      dataDir: server.dataDir,
      everyMs: 60_000,
      keep: 2,
      logger: createLogger("silent"),
    });
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const report = await backups.runOnce();
      if (report !== null) made.push(report.file);
    }
    await backups.stop();
    source.close();
    expect(made).toHaveLength(3);
    const kept = readdirSync(join(server.dataDir, "backups")).map((name) =>
      join(server.dataDir, "backups", name),
    );
    expect(kept.sort()).toEqual(made.slice(1).sort());
    for (const file of kept) expect(databaseFileProblem(file), file).toBeNull();
  });
});
