// The stores the persistence benchmark compares, each behind a real Hocuspocus
// instance: OpenVibe's append-only log (sync-server's Persistence extension
// over SqliteDocumentStore) and @hocuspocus/extension-sqlite, which rewrites
// the whole document state on every (debounced) store.
import { join } from "node:path";
import { SQLite } from "@hocuspocus/extension-sqlite";
import { type Extension, Hocuspocus } from "@hocuspocus/server";
import {
  type CompactionResult,
  createLogger,
  openDatabase,
  Persistence,
  SqliteDocumentStore,
} from "@openvibe/sync-server";

/** Counts the onStoreDocument runs Hocuspocus makes and how long each took. */
export class StoreTracker implements Extension {
  readonly extensionName = "bench-store-tracker";
  // Highest priority: its onStoreDocument runs before the store's, so the duration covers it.
  readonly priority = 1_000;
  stores = 0;
  readonly durationsMs: number[] = [];
  private started: number[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  async onStoreDocument(): Promise<void> {
    this.started.push(performance.now());
  }

  async afterStoreDocument(): Promise<void> {
    const start = this.started.shift();
    if (start !== undefined) this.durationsMs.push(performance.now() - start);
    this.stores += 1;
    const ready = this.waiters.filter((w) => w.count <= this.stores);
    this.waiters = this.waiters.filter((w) => w.count > this.stores);
    for (const waiter of ready) waiter.resolve();
  }

  /** Resolves once `count` stores have finished in total. */
  waitForStores(count: number): Promise<void> {
    if (this.stores >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

export interface OpenStore {
  hocuspocus: Hocuspocus;
  tracker: StoreTracker;
  /** Durations of the store's own write calls (DocumentStore.appendBatch, or onStoreDocument runs). */
  storeCallsMs: readonly number[];
  /** Resolves once every update so far is on disk (group-commit stores only). */
  durable?: () => Promise<void>;
  /** Runs debounced stores now and waits until no store and no compaction is running. */
  settle(): Promise<void>;
  /**
   * Copies the WAL into the database file now (WAL stores only), so writes a later automatic
   * checkpoint would make are counted where they were caused.
   */
  checkpoint?: () => void;
  /** Folds the log into a snapshot (log stores only). */
  compact?: () => Promise<CompactionResult>;
  /** Releases the database; documents still loaded are dropped without being stored. */
  close(): Promise<void>;
}

/**
 * When an appended message is on disk: "group-commit" once the batch it joined is committed
 * (OpenVibe: before it is acknowledged or forwarded), "per-store" once the onStoreDocument run it
 * triggered finished, "deferred" at a later debounced store.
 */
export type Durability = "group-commit" | "per-store" | "deferred";

export interface StoreSetup {
  label: string;
  durability: Durability;
  /** SQLite settings the store runs with, for the report. */
  sqliteSettings: string;
  /** The appends of this store may be cut short by the time budget. */
  capped: boolean;
  /** Tail length that triggers a compaction (log stores only). */
  compactAfterUpdates?: number;
  open(dataDir: string): Promise<OpenStore>;
}

/** The one document every run uses. */
export const DOCUMENT_NAME = "channel:bench";

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function settleHocuspocus(hocuspocus: Hocuspocus): Promise<void> {
  for (;;) {
    hocuspocus.flushPendingStores();
    const busy = [...hocuspocus.documents.values()].some((document) => {
      const id = `onStoreDocument-${document.name}`;
      return (
        hocuspocus.debouncer.isDebounced(id) ||
        hocuspocus.debouncer.isCurrentlyExecuting(id) ||
        document.saveMutex.isLocked()
      );
    });
    if (!busy) return;
    await sleep(2);
  }
}

function dropDocuments(hocuspocus: Hocuspocus): void {
  for (const document of hocuspocus.documents.values()) document.destroy();
  hocuspocus.documents.clear();
}

/** Lets the extensions' async onConfigure hooks (the SQLite extension opens its database there) run. */
function configured(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** OpenVibe's store as the sync server wires it (see sync-server/src/server.ts). */
export function openVibeLogStore(
  synchronous: "full" | "normal",
  compactAfterUpdates: number,
): StoreSetup {
  return {
    label: "openvibe-log",
    durability: "group-commit",
    sqliteSettings: `WAL, synchronous=${synchronous.toUpperCase()}, compaction after ${compactAfterUpdates} updates`,
    capped: false,
    compactAfterUpdates,
    async open(dataDir) {
      const db = openDatabase(dataDir, { synchronous });
      const store = new SqliteDocumentStore(db, { synchronous });
      // Time the store's own batch writes (the worker's transaction and fsync) apart from the rest.
      const appendCallsMs: number[] = [];
      const appendBatch = store.appendBatch.bind(store);
      store.appendBatch = async (batch) => {
        const t0 = performance.now();
        const result = await appendBatch(batch);
        appendCallsMs.push(performance.now() - t0);
        return result;
      };
      const persistence = new Persistence({
        store,
        compactAfterUpdates,
        // Its documents stay loaded: compacted at the threshold it measures.
        compactLoadedAfterUpdates: compactAfterUpdates,
        logger: createLogger("silent"),
      });
      const tracker = new StoreTracker();
      const hocuspocus = new Hocuspocus({
        name: "bench",
        quiet: true,
        extensions: [tracker, persistence],
        flushMaxBytes: Number.MAX_SAFE_INTEGER,
      });
      await configured();
      return {
        hocuspocus,
        tracker,
        storeCallsMs: appendCallsMs,
        durable: async () => {
          await persistence.commits.settle();
        },
        async settle() {
          await settleHocuspocus(hocuspocus);
          await persistence.commits.settle();
          await persistence.idle();
        },
        checkpoint: () => {
          db.$client.pragma("wal_checkpoint(TRUNCATE)");
        },
        compact: () => store.compact(DOCUMENT_NAME),
        async close() {
          dropDocuments(hocuspocus);
          await persistence.idle();
          await store.close();
          db.$client.close();
        },
      };
    },
  };
}

export const HOCUSPOCUS_DEFAULT_DEBOUNCE_MS = 2_000;

/** @hocuspocus/extension-sqlite with its own defaults (rollback journal, synchronous FULL). */
export function extensionSqliteStore(debounceMs: number): StoreSetup {
  return {
    label:
      debounceMs === HOCUSPOCUS_DEFAULT_DEBOUNCE_MS
        ? "extension-sqlite"
        : `extension-sqlite/debounce${debounceMs}`,
    durability: debounceMs === 0 ? "per-store" : "deferred",
    sqliteSettings: "SQLite defaults: rollback journal, synchronous=FULL",
    capped: debounceMs === 0,
    async open(dataDir) {
      const sqlite = new SQLite({ database: join(dataDir, "hocuspocus.sqlite") });
      const tracker = new StoreTracker();
      const hocuspocus = new Hocuspocus({
        name: "bench",
        quiet: true,
        extensions: [tracker, sqlite],
        debounce: debounceMs,
      });
      await configured();
      return {
        hocuspocus,
        tracker,
        storeCallsMs: tracker.durationsMs,
        settle: () => settleHocuspocus(hocuspocus),
        async close() {
          dropDocuments(hocuspocus);
          sqlite.db?.close();
        },
      };
    },
  };
}
