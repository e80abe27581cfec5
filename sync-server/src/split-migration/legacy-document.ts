// The migration's commit point (docs/history-split.md, "Server procedure"): in one SQLite
// transaction, the one-document state of `channel:<id>` moves, rows as they are, to
// `legacy:channel:<id>` (a name of no kind the server serves, so no peer can open it; kept for
// recovery and for old browser copies), and `channel:<id>` becomes the split channel document.
// Sequence numbers are never reused: the new snapshot covers every number the old log used.

import { channelDocumentName } from "@openvibe/schema";
import type Database from "better-sqlite3";

export const LEGACY_DOCUMENT_PREFIX = "legacy:";

/** Where a channel's one-document state is kept once it is split. */
export function legacyDocumentName(channelId: string): string {
  return `${LEGACY_DOCUMENT_PREFIX}${channelDocumentName(channelId)}`;
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
  const legacy = legacyDocumentName(channelId);
  const lastSeq =
    sqlite
      .prepare<[string, string], { seq: number }>(
        `SELECT max(snapshot_through, coalesce(
           (SELECT max(seq) FROM document_updates WHERE document_name = ?), 0)) AS seq
         FROM documents WHERE name = ?`,
      )
      .get(name, name)?.seq ?? 0;
  // A legacy copy left by an earlier split of this channel (its state was since replaced by a
  // one-document state again, e.g. a restored backup) is replaced by this one.
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
  sqlite
    .prepare(
      `INSERT INTO documents (name, snapshot, snapshot_through, created_at, compacted_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET snapshot = excluded.snapshot,
         snapshot_through = excluded.snapshot_through, compacted_at = excluded.compacted_at`,
    )
    .run(name, channelState, lastSeq, now, now);
}
