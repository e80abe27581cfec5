// Migration 0024 turns the document log from a WITHOUT ROWID table into a rowid table with a
// unique index: every update stored before the upgrade is read after it, in order, and the log
// goes on from where it was (new numbers above the old, compaction folding old and new).
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { databasePath, openDatabase } from "../src/db/open-database.ts";
import type { StoredDocument } from "../src/storage/document-store.ts";
import { SqliteDocumentStore } from "../src/storage/sqlite-document-store.ts";
import { migrationsBefore } from "./support/migrations-before.ts";
import { temporaryDataDir } from "./support/test-server.ts";

const THREAD = "thread:c1:t1";
const CHANNEL = "channel:c1";

/** Updates that each append one line to the document's "lines" array. */
function linesAsUpdates(doc: Y.Doc, lines: readonly string[]): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array) => updates.push(update);
  doc.on("update", listen);
  for (const line of lines) doc.getArray<string>("lines").push([line]);
  doc.off("update", listen);
  return updates;
}

function linesOf(stored: StoredDocument | null): string[] {
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc.getArray<string>("lines").toArray();
}

describe("the document log's upgrade to a rowid table (migration 0024)", () => {
  it("keeps every update stored before it, and the log goes on after it", async () => {
    const dataDir = temporaryDataDir();
    const old = new Database(databasePath(dataDir));
    migrate(drizzle(old), { migrationsFolder: migrationsBefore("0024_document_log_rowid") });
    const thread = new Y.Doc();
    const channel = new Y.Doc();
    const insert = old.prepare(
      'INSERT INTO document_updates (document_name, seq, "update", stored_at) VALUES (?, ?, ?, ?)',
    );
    old
      .prepare("INSERT INTO documents (name, created_at) VALUES (?, 1), (?, 1)")
      .run(THREAD, CHANNEL);
    // The thread's first line folded into its snapshot (seq 1); the rest interleaved with the
    // channel's, as a server stores two documents at once.
    linesAsUpdates(thread, ["a"]);
    old
      .prepare("UPDATE documents SET snapshot = ?, snapshot_through = 1 WHERE name = ?")
      .run(Y.encodeStateAsUpdate(thread), THREAD);
    const threadUpdates = linesAsUpdates(thread, ["b", "c", "d"]);
    const channelUpdates = linesAsUpdates(channel, ["x", "y"]);
    threadUpdates.forEach((update, i) => {
      insert.run(THREAD, i + 2, update, 10 + i);
      const other = channelUpdates[i];
      if (other !== undefined) insert.run(CHANNEL, i + 1, other, 10 + i);
    });
    old.close();

    const db = openDatabase(dataDir, { synchronous: "normal" });
    const store = new SqliteDocumentStore(db, { synchronous: "normal" });
    onTestFinished(async () => {
      await store.close();
      db.$client.close();
    });
    const thenThread = store.load(THREAD);
    expect(thenThread?.seqs).toEqual([2, 3, 4]);
    expect(linesOf(thenThread)).toEqual(["a", "b", "c", "d"]);
    expect(linesOf(store.load(CHANNEL))).toEqual(["x", "y"]);

    const [appended] = await store.appendBatch([
      { name: THREAD, update: linesAsUpdates(thread, ["e"])[0] ?? new Uint8Array() },
    ]);
    expect(appended?.seq).toBe(5);
    expect(linesOf(store.load(THREAD))).toEqual(["a", "b", "c", "d", "e"]);
    await store.compact(THREAD);
    const compacted = store.load(THREAD);
    expect(compacted?.updates).toEqual([]);
    expect(linesOf(compacted)).toEqual(["a", "b", "c", "d", "e"]);

    // One row per (document, seq) still: a number reused by mistake is refused, not stored twice.
    expect(() =>
      db.$client
        .prepare(
          "INSERT INTO document_updates (document_name, seq, \"update\", stored_at) VALUES (?, 1, x'00', 1)",
        )
        .run(CHANNEL),
    ).toThrow(/UNIQUE/);
  });
});
