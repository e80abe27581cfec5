// The server's SQLite tables (drizzle-orm). Every change here needs a
// migration: run `pnpm --filter @openvibe/sync-server db:generate`.
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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

/** Append-only log of Yjs updates; compaction folds a prefix into the snapshot. */
export const documentUpdates = sqliteTable(
  "document_updates",
  {
    // AUTOINCREMENT: a sequence number is never reused after compaction deletes
    // the rows below it, so "seq > snapshot_through" always means "not folded".
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    documentName: text("document_name").notNull(),
    update: blob("update", { mode: "buffer" }).notNull(),
    storedAt: integer("stored_at").notNull(),
  },
  (table) => [index("document_updates_by_document").on(table.documentName, table.seq)],
);
