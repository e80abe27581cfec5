// Keeping stored documents the split replaces under a name no peer can open: `legacy:<name>`
// (a name of no kind the server serves), rows as they are, for recovery. The migration's commit
// point (docs/history-split.md, "Server procedure") moves the one-document state of
// `channel:<id>` there (also for old browser copies) and makes `channel:<id>` the split channel
// document, in one transaction; sequence numbers are never reused (the new snapshot covers every
// number the old log used). A thread document stored before its channel was split (a peer's,
// under a thread id it read in the one-document channel) is moved there too, so the thread
// document holds what the split made and nothing a peer wrote in the meantime.

import { channelDocumentName } from "@openvibe/schema";
import type Database from "better-sqlite3";

export const LEGACY_DOCUMENT_PREFIX = "legacy:";

/** Where a channel's one-document state is kept once it is split. */
export function legacyDocumentName(channelId: string): string {
  return `${LEGACY_DOCUMENT_PREFIX}${channelDocumentName(channelId)}`;
}

/**
 * Moves document `name`'s rows to `legacy:<name>`, replacing a legacy copy left by an earlier
 * split of it (its state was since replaced again, e.g. by a restored backup). Run inside a
 * transaction. Returns the highest sequence number the moved log used.
 */
export function keepAsLegacy(sqlite: Database.Database, name: string): number {
  const legacy = `${LEGACY_DOCUMENT_PREFIX}${name}`;
  const lastSeq =
    sqlite
      .prepare<[string, string], { seq: number }>(
        `SELECT max(snapshot_through, coalesce(
           (SELECT max(seq) FROM document_updates WHERE document_name = ?), 0)) AS seq
         FROM documents WHERE name = ?`,
      )
      .get(name, name)?.seq ?? 0;
  sqlite.prepare("DELETE FROM document_updates WHERE document_name = ?").run(legacy);
  sqlite.prepare("DELETE FROM documents WHERE name = ?").run(legacy);
  sqlite
    .prepare(
      `INSERT INTO documents (name, snapshot, snapshot_through, created_at, compacted_at)
       SELECT ?, snapshot, snapshot_through, created_at, compacted_at FROM documents WHERE name = ?`,
    )
    .run(legacy, name);
  sqlite
    .prepare("UPDATE document_updates SET document_name = ? WHERE document_name = ?")
    .run(legacy, name);
  sqlite.prepare("DELETE FROM documents WHERE name = ?").run(name);
  return lastSeq;
}

/**
 * Keeps the stored one-document state of `channelId` under its legacy name and stores
 * `channelState` as the channel document (its snapshot, with an empty log). Run inside a
 * transaction, so a crash leaves either the old document or the new one.
 */
export function replaceWithSplitChannel(
  sqlite: Database.Database,
  channelId: string,
  channelState: Uint8Array,
  now: number,
): void {
  const name = channelDocumentName(channelId);
  const lastSeq = keepAsLegacy(sqlite, name);
  sqlite
    .prepare(
      `INSERT INTO documents (name, snapshot, snapshot_through, created_at, compacted_at)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(name, channelState, lastSeq, now, now);
}
