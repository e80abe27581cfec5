// The SQLite DocumentStore: appends are one small insert each (cost follows
// the update's size, not the document's), compaction runs in a worker thread.
import { Worker } from "node:worker_threads";
import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import type { OpenVibeDatabase } from "../db/open-database.ts";
import { documents, documentUpdates } from "../db/schema.ts";
import type {
  CompactionRequest,
  CompactionResponse,
  CompactionWorkerData,
} from "./compaction-protocol.ts";
import {
  type AppendResult,
  assertStorableUpdate,
  type CompactionResult,
  type DocumentStore,
  type StoredDocument,
} from "./document-store.ts";

export interface SqliteDocumentStoreOptions {
  synchronous: "full" | "normal";
}

interface PendingJob {
  resolve: (result: CompactionResult) => void;
  reject: (error: Error) => void;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: OpenVibeDatabase;
  private readonly options: SqliteDocumentStoreOptions;
  private readonly tailLengths = new Map<string, number>();
  private readonly pending = new Map<number, PendingJob>();
  private readonly inFlight = new Set<Promise<CompactionResult>>();
  private worker: Worker | null = null;
  private nextJobId = 1;

  private readonly insertDocument;
  private readonly insertUpdate;
  private readonly selectSnapshot;
  private readonly selectTail;
  private readonly countTail;

  constructor(db: OpenVibeDatabase, options: SqliteDocumentStoreOptions) {
    if (db.$client.memory)
      throw new Error("SqliteDocumentStore needs a database file, not an in-memory database");
    this.db = db;
    this.options = options;
    this.insertDocument = db
      .insert(documents)
      .values({ name: sql.placeholder("name"), createdAt: sql.placeholder("now") })
      .onConflictDoNothing()
      .prepare();
    this.insertUpdate = db
      .insert(documentUpdates)
      .values({
        documentName: sql.placeholder("name"),
        update: sql.placeholder("update"),
        storedAt: sql.placeholder("now"),
      })
      .returning({ seq: documentUpdates.seq })
      .prepare();
    this.selectSnapshot = db
      .select({ snapshot: documents.snapshot, through: documents.snapshotThrough })
      .from(documents)
      .where(eq(documents.name, sql.placeholder("name")))
      .prepare();
    this.selectTail = db
      .select({ update: documentUpdates.update })
      .from(documentUpdates)
      .where(
        and(
          eq(documentUpdates.documentName, sql.placeholder("name")),
          gt(documentUpdates.seq, sql.placeholder("through")),
        ),
      )
      .orderBy(asc(documentUpdates.seq))
      .prepare();
    this.countTail = db
      .select({ n: count() })
      .from(documentUpdates)
      .where(eq(documentUpdates.documentName, sql.placeholder("name")))
      .prepare();
  }

  append(name: string, update: Uint8Array): AppendResult {
    assertStorableUpdate(name, update);
    const now = Date.now();
    const seq = this.db.$client.transaction(() => {
      this.insertDocument.run({ name, now });
      const row = this.insertUpdate.get({
        name,
        update: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
        now,
      });
      if (row === undefined)
        throw new Error(`storing an update for "${name}" returned no sequence number`);
      return row.seq;
    })();
    const known = this.tailLengths.get(name);
    const tailLength = known === undefined ? (this.countTail.get({ name })?.n ?? 1) : known + 1;
    this.tailLengths.set(name, tailLength);
    return { seq, tailLength };
  }

  load(name: string): StoredDocument | null {
    return this.db.$client.transaction(() => {
      const row = this.selectSnapshot.get({ name });
      if (row === undefined) return null;
      const updates = this.selectTail
        .all({ name, through: row.through })
        .map((r) => new Uint8Array(r.update));
      this.tailLengths.set(name, updates.length);
      return { snapshot: row.snapshot === null ? null : new Uint8Array(row.snapshot), updates };
    })();
  }

  async compact(name: string): Promise<CompactionResult> {
    const result = await this.runInWorker(name);
    const before = this.tailLengths.get(name);
    if (before !== undefined)
      this.tailLengths.set(name, Math.max(0, before - result.foldedUpdates));
    return result;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker === null) return;
    await Promise.allSettled(this.inFlight);
    await worker.terminate();
  }

  private runInWorker(name: string): Promise<CompactionResult> {
    const worker = this.startWorker();
    const jobId = this.nextJobId++;
    const job = new Promise<CompactionResult>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      worker.ref();
      const request: CompactionRequest = { jobId, name };
      worker.postMessage(request);
    });
    this.inFlight.add(job);
    const forget = () => this.inFlight.delete(job);
    job.then(forget, forget);
    return job;
  }

  private startWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const workerData: CompactionWorkerData = {
      path: this.db.$client.name,
      synchronous: this.options.synchronous,
    };
    const worker = new Worker(new URL("./compaction-worker.ts", import.meta.url), { workerData });
    worker.on("message", (response: CompactionResponse) => this.settle(response));
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      if (this.pending.size > 0)
        this.failAll(new Error(`compaction worker exited with code ${code}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(response: CompactionResponse): void {
    const job = this.pending.get(response.jobId);
    if (job === undefined) return;
    this.pending.delete(response.jobId);
    if (this.pending.size === 0) this.worker?.unref();
    if (response.error !== undefined) job.reject(new Error(`compaction failed: ${response.error}`));
    else job.resolve(response.result);
  }

  private failAll(error: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(error);
  }
}
