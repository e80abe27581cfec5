// The SQLite DocumentStore: appends are one small insert each (cost follows
// the update's size, not the document's). A batch is one transaction written
// by a worker thread, so the server's event loop does not wait for its fsync;
// compaction runs in another worker thread.
import type Database from "better-sqlite3";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { OpenVibeDatabase } from "../db/open-database.ts";
import { documents, documentUpdates } from "../db/schema.ts";
import { AppendWorkerClient } from "./append-worker-client.ts";
import { CompactionWorkerClient } from "./compaction-worker-client.ts";
import {
  type AppendResult,
  assertStorableBatch,
  type CompactionResult,
  type DamagedPart,
  type DocumentSize,
  type DocumentStore,
  type PendingUpdate,
  type StoredDocument,
  sizeAfterCompaction,
} from "./document-store.ts";

export interface SqliteDocumentStoreOptions {
  synchronous: "full" | "normal";
}

interface TrackedDocument extends DocumentSize {
  lastSeq: number;
}

function sizeOf({ snapshotBytes, tailUpdates, tailBytes }: TrackedDocument): DocumentSize {
  return { snapshotBytes, tailUpdates, tailBytes };
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: OpenVibeDatabase;
  private readonly compactions: CompactionWorkerClient;
  private readonly appends: AppendWorkerClient;
  /**
   * What this process knows of the documents it touched, kept current by append, load and
   * compact. `lastSeq` counts numbers handed out (a failed batch leaves a gap, never a reuse);
   * the tail counts only what was committed.
   */
  private readonly known = new Map<string, TrackedDocument>();

  // The synchronous append uses better-sqlite3 statements directly, as the worker does: drizzle's
  // prepared queries map parameters and results on each call.
  private readonly appendRows: (request: {
    names: readonly string[];
    rows: readonly { name: string; seq: number; update: Uint8Array }[];
    now: number;
  }) => void;
  private readonly selectSnapshot;
  private readonly selectTail;
  private readonly measure;

  constructor(db: OpenVibeDatabase, options: SqliteDocumentStoreOptions) {
    if (db.$client.memory) {
      throw new Error("SqliteDocumentStore needs a database file, not an in-memory database");
    }
    this.db = db;
    this.compactions = new CompactionWorkerClient({
      path: db.$client.name,
      synchronous: options.synchronous,
    });
    this.appends = new AppendWorkerClient({
      path: db.$client.name,
      synchronous: options.synchronous,
    });
    const insertDocument: Database.Statement<[string, number]> = db.$client.prepare(
      "INSERT INTO documents (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
    );
    const insertUpdate: Database.Statement<[string, number, Uint8Array, number]> =
      db.$client.prepare(
        'INSERT INTO document_updates (document_name, seq, "update", stored_at) VALUES (?, ?, ?, ?)',
      );
    this.appendRows = db.$client.transaction(
      ({ names, rows, now }: Parameters<SqliteDocumentStore["appendRows"]>[0]) => {
        for (const name of names) insertDocument.run(name, now);
        for (const row of rows) insertUpdate.run(row.name, row.seq, row.update, now);
      },
    ).immediate;
    this.selectSnapshot = db
      .select({ snapshot: documents.snapshot, through: documents.snapshotThrough })
      .from(documents)
      .where(eq(documents.name, sql.placeholder("name")))
      .prepare();
    this.selectTail = db
      .select({ seq: documentUpdates.seq, update: documentUpdates.update })
      .from(documentUpdates)
      .where(
        and(
          eq(documentUpdates.documentName, sql.placeholder("name")),
          gt(documentUpdates.seq, sql.placeholder("through")),
        ),
      )
      .orderBy(asc(documentUpdates.seq))
      .prepare();
    this.measure = db
      .select({
        snapshotBytes: sql<number>`coalesce(length(${documents.snapshot}), 0)`,
        tailUpdates: sql<number>`(select count(*) from ${documentUpdates} where ${documentUpdates.documentName} = ${documents.name} and ${documentUpdates.seq} > ${documents.snapshotThrough})`,
        tailBytes: sql<number>`(select coalesce(sum(length(${documentUpdates.update})), 0) from ${documentUpdates} where ${documentUpdates.documentName} = ${documents.name} and ${documentUpdates.seq} > ${documents.snapshotThrough})`,
        lastSeq: sql<number>`max(${documents.snapshotThrough}, coalesce((select max(${documentUpdates.seq}) from ${documentUpdates} where ${documentUpdates.documentName} = ${documents.name}), 0))`,
      })
      .from(documents)
      .where(eq(documents.name, sql.placeholder("name")))
      .prepare();
  }

  append(name: string, update: Uint8Array): AppendResult {
    const request = this.number([{ name, update }]);
    this.appendRows(request);
    const [result] = this.committed(request.rows);
    if (result === undefined) throw new Error("an append of one update gave no result");
    return result;
  }

  async appendBatch(batch: readonly PendingUpdate[]): Promise<AppendResult[]> {
    const request = this.number(batch);
    if (request.rows.length === 0) return [];
    await this.appends.write(request);
    return this.committed(request.rows);
  }

  /** Checks a batch and hands out its sequence numbers (kept even if the batch then fails). */
  private number(batch: readonly PendingUpdate[]) {
    assertStorableBatch(batch);
    const names = new Set<string>();
    const rows = batch.map(({ name, update }) => {
      let tracked = this.known.get(name);
      if (tracked === undefined) {
        tracked = this.measureDocument(name);
        this.known.set(name, tracked);
      }
      names.add(name);
      tracked.lastSeq += 1;
      return { name, seq: tracked.lastSeq, update };
    });
    return { names: [...names], rows, now: Date.now() };
  }

  /** Counts committed rows into their documents' tails; one result per row, in order. */
  private committed(rows: readonly { name: string; seq: number; update: Uint8Array }[]) {
    return rows.map(({ name, seq, update }): AppendResult => {
      const tracked = this.known.get(name) ?? this.measureDocument(name);
      tracked.tailUpdates += 1;
      tracked.tailBytes += update.byteLength;
      this.known.set(name, tracked);
      return { seq, size: sizeOf(tracked) };
    });
  }

  load(name: string): StoredDocument | null {
    return this.db.$client.transaction(() => {
      const row = this.selectSnapshot.get({ name });
      if (row === undefined) return null;
      const tail = this.selectTail.all({ name, through: row.through });
      const updates = tail.map((r) => new Uint8Array(r.update));
      this.known.set(name, {
        snapshotBytes: row.snapshot?.byteLength ?? 0,
        tailUpdates: updates.length,
        tailBytes: updates.reduce((sum, u) => sum + u.byteLength, 0),
        // Numbers handed out to a batch still being written must not be handed out again.
        lastSeq: Math.max(this.known.get(name)?.lastSeq ?? 0, tail.at(-1)?.seq ?? row.through),
      });
      return {
        snapshot: row.snapshot === null ? null : new Uint8Array(row.snapshot),
        updates,
        seqs: tail.map((r) => r.seq),
      };
    })();
  }

  setAside(name: string, part: DamagedPart, reason: string): void {
    const client = this.db.$client;
    const keep = client.prepare(
      `insert into damaged_document_parts (document_name, kind, seq, data, reason, found_at)
       values (?, ?, ?, ?, ?, ?)`,
    );
    client.transaction(() => {
      if (part.kind === "snapshot") {
        const row = client
          .prepare<[string], { snapshot: Buffer | null; through: number }>(
            "select snapshot, snapshot_through as through from documents where name = ?",
          )
          .get(name);
        if (row?.snapshot == null) return;
        keep.run(name, "snapshot", row.through, row.snapshot, reason, Date.now());
        // snapshot_through stays: the sequence numbers it covered are never handed out again.
        client.prepare("update documents set snapshot = null where name = ?").run(name);
      } else {
        const row = client
          .prepare<[string, number], { update: Buffer }>(
            'select "update" from document_updates where document_name = ? and seq = ?',
          )
          .get(name, part.seq);
        if (row === undefined) return;
        keep.run(name, "update", part.seq, row.update, reason, Date.now());
        client
          .prepare("delete from document_updates where document_name = ? and seq = ?")
          .run(name, part.seq);
      }
    })();
    // What this process knew of the document's size is stale: measure it again when next needed.
    const known = this.known.get(name);
    if (known !== undefined)
      this.known.set(name, { ...this.measureDocument(name), lastSeq: known.lastSeq });
  }

  async compact(name: string): Promise<CompactionResult> {
    const result = await this.compactions.run(name);
    const before = this.known.get(name);
    if (before !== undefined) {
      this.known.set(name, { ...sizeAfterCompaction(before, result), lastSeq: before.lastSeq });
    }
    return result;
  }

  warmUp(): void {
    this.appends.start();
    this.compactions.start();
  }

  /** Callers first wait for their batches (the persistence extension does). */
  async close(): Promise<void> {
    await Promise.all([this.appends.close(), this.compactions.close()]);
  }

  private measureDocument(name: string): TrackedDocument {
    return (
      this.measure.get({ name }) ?? { snapshotBytes: 0, tailUpdates: 0, tailBytes: 0, lastSeq: 0 }
    );
  }
}
