// Group commit: updates are stored in batches, one transaction (one fsync) each, instead of one
// transaction per update. The updates accepted during an event-loop turn form a batch written
// when the turn ends; while it is written (in the store's worker thread) the event loop goes on,
// and what arrives meanwhile forms the next batch. Durability before acknowledgement is kept by
// holding back what the server would send about a document: an action passed to `afterCommit`
// for a document while its updates wait (a WebSocket frame: an acknowledgement, a broadcast, a
// sync reply) runs, in order, only once every update of that document accepted before it is on
// disk (document-holds.ts). Other documents' frames do not wait for it.
//
// A failed batch (disk full, database locked) sends nothing about its documents: its updates go
// back in front of the queue, their held actions stay held, and the commit is tried again with a
// growing delay, with whatever arrived meanwhile. Until it succeeds no peer hears of any of those
// updates; documents with nothing waiting keep being served.
import type { Logger } from "../logger.ts";
import { DocumentHolds } from "./document-holds.ts";
import type { DocumentSize, DocumentStore, PendingUpdate } from "./document-store.ts";

export interface GroupCommitOptions {
  store: DocumentStore;
  logger: Logger;
  /** Runs after each commit with every committed document's size (for compaction). */
  onCommitted?: (sizes: ReadonlyMap<string, DocumentSize>) => void;
  /** Told of each stored batch (metrics). */
  onStored?: (batch: StoredBatch) => void;
  /** Delay before the first retry of a failed commit; it doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** A batch made durable. */
export interface StoredBatch {
  updates: number;
  bytes: number;
  /**
   * From handing the batch to the store until it was committed: the transaction with its fsync,
   * which every update in it waited for before it was acknowledged or forwarded.
   */
  seconds: number;
}

/** Updates accepted but never stored: their senders still hold them and send them again. */
export interface UnstoredUpdates {
  updates: number;
  documents: string[];
}

export class GroupCommit {
  private readonly options: GroupCommitOptions;
  /** Updates not yet in a batch. */
  private pending: PendingUpdate[] = [];
  /** Per document, the actions waiting for its updates to be stored. */
  private readonly holds: DocumentHolds;
  /** The batch being written: resolves with whether it was stored. */
  private writing: Promise<boolean> | null = null;
  private scheduled: { cancel: () => void } | null = null;
  private failures = 0;
  private lastFailure: string | null = null;

  constructor(options: GroupCommitOptions) {
    this.options = options;
    this.holds = new DocumentHolds((error) =>
      options.logger.warn({ err: error }, "a held action failed"),
    );
  }

  /** Why storing updates fails now (its last error), or null while it works. */
  get failing(): string | null {
    return this.failures > 0 ? this.lastFailure : null;
  }

  /** Whether actions may be held back (some document's updates wait for their commit). */
  get holding(): boolean {
    return this.holds.holding;
  }

  /** Queues an update for the next batch. The caller must not change it afterwards. */
  add(name: string, update: Uint8Array): void {
    this.pending.push({ name, update });
    this.holds.queued(name);
    if (this.writing === null) this.scheduleCommit();
  }

  /** Commits at the end of this turn, with whatever else this turn's messages bring. */
  private scheduleCommit(): void {
    if (this.scheduled !== null) return;
    const handle = setImmediate(() => {
      this.scheduled = null;
      void this.commit();
    });
    this.scheduled = { cancel: () => clearImmediate(handle) };
  }

  /**
   * Runs `action` once every update of `document` queued so far is durable: at once when none
   * waits.
   */
  afterCommit(document: string, action: () => void): void {
    this.holds.hold(document, action);
  }

  /**
   * Resolves once every update queued so far (of `document`, when given) is durable (true), or
   * once a commit of them failed (false; it is retried later).
   */
  async settle(document?: string): Promise<boolean> {
    const waits = () =>
      document === undefined
        ? this.pending.length > 0 || this.writing !== null
        : this.holds.waits(document);
    while (waits()) {
      if (!(await this.commit())) return false;
    }
    return true;
  }

  /**
   * For a server that stops: commits what waits (once more, if storing fails) and retries no
   * more. Returns the updates that could not be stored, which nobody was told about.
   */
  async stop(): Promise<UnstoredUpdates> {
    const stored = await this.settle();
    this.scheduled?.cancel();
    this.scheduled = null;
    if (stored) return { updates: 0, documents: [] };
    const unstored = this.pending;
    this.pending = [];
    return {
      updates: unstored.length,
      documents: [...new Set(unstored.map(({ name }) => name))],
    };
  }

  /** Writes the queued updates as one batch (after the batch being written, if any). */
  private commit(): Promise<boolean> {
    if (this.writing !== null) return this.writing;
    this.scheduled?.cancel();
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    const writing = this.write(batch);
    this.writing = writing;
    return writing;
  }

  private async write(batch: PendingUpdate[]): Promise<boolean> {
    let sizes: Map<string, DocumentSize> | null = null;
    const started = performance.now();
    let seconds = 0;
    try {
      if (batch.length > 0) {
        const results = await this.options.store.appendBatch(batch);
        // The commit alone: releasing what waited for it (below) is not part of its time.
        seconds = (performance.now() - started) / 1000;
        sizes = new Map();
        for (const [i, { name }] of batch.entries()) {
          const size = results[i]?.size;
          if (size !== undefined) sizes.set(name, size);
        }
      }
    } catch (error) {
      this.writing = null;
      this.pending = batch.concat(this.pending);
      this.retryLater(error, batch.length);
      return false;
    }
    this.writing = null;
    if (batch.length > 0) this.options.logger.debug({ updates: batch.length }, "updates stored");
    if (this.failures > 0) {
      this.options.logger.info({ updates: batch.length }, "storing updates works again");
      this.failures = 0;
    }
    this.holds.stored(batch.map(({ name }) => name));
    if (sizes !== null) {
      try {
        this.options.onStored?.({
          updates: batch.length,
          bytes: batch.reduce((sum, { update }) => sum + update.byteLength, 0),
          seconds,
        });
        this.options.onCommitted?.(sizes);
      } catch (error) {
        this.options.logger.error({ err: error }, "after-commit work failed");
      }
    }
    if (this.pending.length > 0) this.scheduleCommit();
    return true;
  }

  private retryLater(error: unknown, updates: number): void {
    this.failures += 1;
    this.lastFailure = error instanceof Error ? error.message : String(error);
    const delay = Math.min(
      (this.options.retryMs ?? 50) * 2 ** (this.failures - 1),
      this.options.maxRetryMs ?? 2_000,
    );
    this.options.logger.error(
      { err: error, updates, attempt: this.failures, retryInMs: delay },
      "could not store updates: none of them is acknowledged or forwarded until they are",
    );
    this.scheduled?.cancel();
    const handle = setTimeout(() => {
      this.scheduled = null;
      void this.commit();
    }, delay);
    // A server stopping while storage fails exits anyway; the senders still hold their updates.
    handle.unref();
    this.scheduled = { cancel: () => clearTimeout(handle) };
  }
}
