// The server's SQLite tables (drizzle-orm). Every change here needs a
// migration: run `pnpm --filter @openvibe/sync-server db:generate`.
import { blob, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per document: its latest compacted snapshot. */
export const documents = sqliteTable("documents", {
  name: text("name").primaryKey(),
  /** Yjs update holding the whole state through `snapshotThrough`; null before the first compaction. */
  snapshot: blob("snapshot", { mode: "buffer" }),
  /** Highest `document_updates.seq` folded into the snapshot. */
  snapshotThrough: integer("snapshot_through").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  compactedAt: integer("compacted_at"),
});

/**
 * Append-only log of Yjs updates; compaction folds a prefix into the snapshot.
 * The migration creates it WITHOUT ROWID, clustered on (document, seq): an
 * append then writes one B-tree page instead of a table page plus an index
 * page (drizzle-kit cannot express WITHOUT ROWID; the SQL is edited by hand).
 */
export const documentUpdates = sqliteTable(
  "document_updates",
  {
    documentName: text("document_name").notNull(),
    /**
     * Per-document sequence number, never reused: the next one is above both
     * the tail's highest and the snapshot's `snapshot_through`.
     */
    seq: integer("seq").notNull(),
    update: blob("update", { mode: "buffer" }).notNull(),
    storedAt: integer("stored_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.documentName, table.seq] })],
);
