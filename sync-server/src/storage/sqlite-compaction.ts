// Compaction of one document inside a SQLite database: read the snapshot and
// its tail in one read transaction, merge them outside any transaction (this
// is the slow part), then swap the snapshot in and drop the folded updates in
// one short write transaction. Appends made meanwhile have higher sequence
// numbers and stay in the tail. With `merged`, the document built by this
// document's last compaction is merged into when the stored snapshot is still
// the one it encoded, and the new one is kept for the next.
import type Database from "better-sqlite3";
import * as Y from "yjs";
import { type CompactionResult, NOTHING_FOLDED } from "./document-store.ts";
import { mergeIntoDocument } from "./merge-snapshot.ts";
import type { MergedDocuments } from "./merged-documents.ts";

interface SnapshotRow {
  snapshot: Uint8Array | null;
  snapshot_through: number;
}

export function compactInDatabase(
  sqlite: Database.Database,
  name: string,
  merged?: MergedDocuments,
): CompactionResult {
  const readSnapshot = sqlite.prepare<[string], SnapshotRow>(
    "SELECT snapshot, snapshot_through FROM documents WHERE name = ?",
  );
  const readTail = sqlite.prepare<[string, number], { seq: number; update: Uint8Array }>(
    'SELECT seq, "update" FROM document_updates WHERE document_name = ? AND seq > ? ORDER BY seq',
  );
  const { row, tail } = sqlite.transaction(() => {
    const row = readSnapshot.get(name);
    return { row, tail: row === undefined ? [] : readTail.all(name, row.snapshot_through) };
  })();
  if (row === undefined || tail.length === 0) {
    return { ...NOTHING_FOLDED, snapshotBytes: row?.snapshot?.byteLength ?? 0 };
  }
  const through = tail[tail.length - 1]?.seq ?? row.snapshot_through;
  const updates = tail.map((t) => t.update);
  const kept = merged?.take(name, row.snapshot);
  const doc = kept ?? new Y.Doc();
  let snapshot: Uint8Array;
  try {
    snapshot = mergeIntoDocument(
      doc,
      kept !== undefined || row.snapshot === null ? updates : [row.snapshot, ...updates],
    );
  } catch (error) {
    doc.destroy();
    throw error;
  }

  const swapped = sqlite
    .transaction(() => {
      const current = readSnapshot.get(name);
      // Another compaction of this document finished first: keep its result.
      if (current?.snapshot_through !== row.snapshot_through) return false;
      sqlite
        .prepare(
          "UPDATE documents SET snapshot = ?, snapshot_through = ?, compacted_at = ? WHERE name = ?",
        )
        .run(snapshot, through, Date.now(), name);
      sqlite
        .prepare("DELETE FROM document_updates WHERE document_name = ? AND seq <= ?")
        .run(name, through);
      return true;
    })
    .immediate();
  if (!swapped || merged === undefined) doc.destroy();
  else merged.keep(name, doc, snapshot);
  if (!swapped) return { ...NOTHING_FOLDED, snapshotBytes: 0 };
  return {
    foldedUpdates: tail.length,
    foldedBytes: tail.reduce((sum, t) => sum + t.update.byteLength, 0),
    snapshotBytes: snapshot.byteLength,
  };
}
