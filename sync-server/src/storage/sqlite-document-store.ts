// The SQLite DocumentStore: appends are one small insert each (cost follows
// the update's size, not the document's), compaction runs in a worker thread.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { OpenVibeDatabase } from "../db/open-database.ts";
import { documents, documentUpdates } from "../db/schema.ts";
import { CompactionWorkerClient } from "./compaction-worker-client.ts";
import {
  type AppendResult,
  assertStorableUpdate,
  type CompactionResult,
  type DocumentSize,
  type DocumentStore,
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
  /** What this process knows of the documents it touched, kept current by append, load and compact. */
  private readonly known = new Map<string, TrackedDocument>();

  private readonly insertDocument;
  private readonly insertUpdate;
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
    this.insertDocument = db
      .insert(documents)
      .values({ name: sql.placeholder("name"), createdAt: sql.placeholder("now") })
      .onConflictDoNothing()
      .prepare();
    this.insertUpdate = db
      .insert(documentUpdates)
      .values({
        documentName: sql.placeholder("name"),
        seq: sql.placeholder("seq"),
        update: sql.placeholder("update"),
        storedAt: sql.placeholder("now"),
      })
      .prepare();
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
    assertStorableUpdate(name, update);
    const now = Date.now();
    const before = this.db.$client.transaction(() => {
      this.insertDocument.run({ name, now });
      const tracked = this.known.get(name) ?? this.measureDocument(name);
      this.insertUpdate.run({
        name,
        seq: tracked.lastSeq + 1,
        update: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
        now,
      });
      return tracked;
    })();
    const after: TrackedDocument = {
      snapshotBytes: before.snapshotBytes,
      tailUpdates: before.tailUpdates + 1,
      tailBytes: before.tailBytes + update.byteLength,
      lastSeq: before.lastSeq + 1,
    };
    this.known.set(name, after);
    return { seq: after.lastSeq, size: sizeOf(after) };
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
        lastSeq: tail.at(-1)?.seq ?? row.through,
      });
      return { snapshot: row.snapshot === null ? null : new Uint8Array(row.snapshot), updates };
    })();
  }

  async compact(name: string): Promise<CompactionResult> {
    const result = await this.compactions.run(name);
    const before = this.known.get(name);
    if (before !== undefined) {
      this.known.set(name, { ...sizeAfterCompaction(before, result), lastSeq: before.lastSeq });
    }
    return result;
  }

  close(): Promise<void> {
    return this.compactions.close();
  }

  private measureDocument(name: string): TrackedDocument {
    return (
      this.measure.get({ name }) ?? { snapshotBytes: 0, tailUpdates: 0, tailBytes: 0, lastSeq: 0 }
    );
  }
}
