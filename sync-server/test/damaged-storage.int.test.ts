// Damaged storage: an update row or a snapshot that no longer decodes (truncated, overwritten)
// is found when the document loads, taken out and kept aside for inspection, counted in the
// metrics and logged; the channel opens from what is intact, and peers that still hold what the
// damaged part carried send it again when they sync.
import {
  type Actor,
  defaultEnv,
  postMessage,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { databasePath } from "../src/db/open-database.ts";
import { channelReplica, newThreadContent } from "./support/channel-replica.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken, webSocketTokenAt } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

interface DamagedRow {
  kind: string;
  seq: number;
  reason: string;
  bytes: number;
}

function damagedRows(dataDir: string): DamagedRow[] {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return db
      .prepare("select kind, seq, reason, length(data) as bytes from damaged_document_parts")
      .all() as DamagedRow[];
  } finally {
    db.close();
  }
}

/** Runs `sql` on the stopped server's database. */
function tamper(dataDir: string, sql: string, ...params: unknown[]): number {
  const db = new Database(databasePath(dataDir));
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

async function scrape(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(" ")[1]);
}

describe("damaged storage", () => {
  it("opens a channel from its intact updates and keeps the damaged ones aside", async () => {
    const server = await startTestServer({ OPENVIBE_COMPACT_AFTER_UPDATES: "1000" });
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const peer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    // The channel is split: the thread's document holds its messages, and is what is damaged.
    const { threadId, thread: channel } = await channelReplica(peer, seed.general.id).createThread(
      member,
      { title: "log", body: "first" },
    );
    for (const body of ["second", "third", "fourth"]) {
      postMessage(channel.doc, member, { threadId, body });
      await channel.acknowledged();
    }
    const held = Y.encodeStateAsUpdate(channel.doc);
    peer.close();
    await server.current.close();

    // The newest update truncated, the one before overwritten with bytes that are no update.
    const name = threadDocumentName(seed.general.id, threadId);
    const newest = "(select max(seq) from document_updates where document_name = ?)";
    expect(
      tamper(
        server.dataDir,
        `update document_updates set "update" = substr("update", 1, 6) where document_name = ? and seq = ${newest}`,
        name,
        name,
      ),
    ).toBe(1);
    expect(
      tamper(
        server.dataDir,
        `update document_updates set "update" = x'ffffffffff00' where document_name = ? and seq = ${newest} - 1`,
        name,
        name,
      ),
    ).toBe(1);

    const restarted = await server.restart();
    const reader = connectPeer(restarted.websocketUrl, { token: seed.agent.apiKey });
    const reopened = await reader.openDocument(name);
    const bodies = () => threadView(reopened.doc, threadId)?.messages.map((m) => m.body) ?? [];
    expect(bodies()).toEqual(["first", "second"]);
    const kept = damagedRows(server.dataDir);
    expect(kept.map((row) => row.kind)).toEqual(["update", "update"]);
    expect(kept.every((row) => row.reason.length > 0 && row.bytes === 6)).toBe(true);
    expect(await scrape(restarted.url, "openvibe_damaged_document_parts_total")).toBe(2);

    // The member's browser still holds the whole thread: syncing brings the lost messages back.
    const browser = connectPeer(restarted.websocketUrl, {
      token: await webSocketTokenAt(restarted.url, seed.member.user.email),
    });
    const holding = await browser.openDocument(name);
    Y.applyUpdate(holding.doc, held);
    await holding.acknowledged();
    await reopened.until("the lost messages back", () => bodies().length === 4);
    expect(bodies()).toEqual(["first", "second", "third", "fourth"]);
  });

  it("sets a damaged snapshot aside and opens the channel from the log after it", async () => {
    const server = await startTestServer({ OPENVIBE_COMPACT_AFTER_UPDATES: "1000" });
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const peer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const { threadId } = await channelReplica(peer, seed.general.id).createThread(member, {
      title: "compacted",
      body: "in the snapshot",
    });
    peer.close();
    await server.current.close();
    const name = threadDocumentName(seed.general.id, threadId);
    // A snapshot holding the log so far, then damaged: as if compaction had run, then the disk erred.
    const folded = tamper(
      server.dataDir,
      `update documents set snapshot = x'0102030405', snapshot_through = (select max(seq) from document_updates where document_name = ?) where name = ?`,
      name,
      name,
    );
    expect(folded).toBe(1);
    tamper(server.dataDir, "delete from document_updates where document_name = ?", name);

    const restarted = await server.restart();
    const reader = connectPeer(restarted.websocketUrl, { token: seed.agent.apiKey });
    const reopened = await reader.openDocument(name);
    expect(reopened.doc.getMap("threads").size).toBe(0);
    expect(damagedRows(server.dataDir)).toEqual([
      expect.objectContaining({ kind: "snapshot", bytes: 5 }),
    ]);
    // The server still takes writes into the document, after the numbers the snapshot covered:
    // the member writes the lost thread again under its id.
    const writer = connectPeer(restarted.websocketUrl, {
      token: await webSocketTokenAt(restarted.url, seed.member.user.email),
    });
    let ids = 0;
    const sameThread = {
      now: defaultEnv.now,
      newId: () => (ids++ === 0 ? threadId : defaultEnv.newId()),
    };
    const again = await writer.openDocument(name);
    Y.applyUpdate(
      again.doc,
      newThreadContent(member, { title: "after", body: "still works" }, sameThread).update,
    );
    await again.acknowledged();
    await reopened.until("the new thread", () => reopened.doc.getMap("threads").size === 1);
  });
});
