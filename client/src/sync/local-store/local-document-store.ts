// One Y.Doc persisted in IndexedDB as a log of updates (update-log.ts).
//
// Loading reads every row in one transaction (merging them if there is more
// than one, see compaction-policy.ts) and applies them as one Yjs transaction
// whose origin is this store, so they are not written back. Every other update
// of the document, local or remote, is appended: the updates of one task are
// merged into one row, written in a microtask, and while a write is in flight
// the next ones wait and go together (one transaction per batch, never one per
// keystroke under load). Hiding or leaving the page writes what is pending at
// once, in a transaction of its own committed straight away; if nothing was left to write, the
// log holds the whole document then, and `onHiddenAllWritten` is called (screen-snapshots.ts). Nothing is rewritten on construction: a load costs a read, plus a
// merge of the small tail when it has several rows.
//
// While open, the store holds its log's Web Lock shared (document-lock.ts), so eviction never
// deletes a log under it. It reports the log's size after loading and after every write
// (`onStored`), for the offline budget. `setAside` sees the stored rows before they load: when it
// says so (an old copy it kept elsewhere), the log is emptied and the document starts empty.
import * as Y from "yjs";
import {
  EMPTY_LOG,
  firstRowToMerge,
  grown,
  type LogSize,
  MAX_TAIL_ROWS,
} from "./compaction-policy.ts";
import { holdShared } from "./document-lock.ts";
import { closedForAnother } from "./idb.ts";
import { importLegacyDatabase } from "./legacy-import.ts";
import { onPageHidden } from "./page-hidden.ts";
import { appendRow, clearLog, compactLog, loadLog, openLog } from "./update-log.ts";

/** The origin of the transaction that applies the stored updates. */
export interface LocalStoreOrigin {
  readonly source: "local-store";
  readonly database: string;
}

export interface LocalDocumentStoreOptions {
  /** A y-indexeddb database whose updates are imported (then deleted) before loading. */
  legacyName?: string;
  /** A write that failed in the background; its updates stay pending and go with the next write. */
  onError?: (error: unknown) => void;
  /** The log's bytes, after loading and after each write or compaction. */
  onStored?: (bytes: number) => void;
  /**
   * Called with the stored rows before they load. Resolving true means they were kept elsewhere:
   * the log is emptied and nothing loads.
   */
  setAside?: (rows: readonly Uint8Array[]) => Promise<boolean>;
  /**
   * Called when the page is hidden or left while the log holds everything the document does
   * (loaded, nothing pending, no write in flight): the moment to copy the document elsewhere.
   */
  onHiddenAllWritten?: () => void;
}

/**
 * Opens the log `name` and reads it: first the y-indexeddb database it replaces, if any; rows
 * `setAside` takes are cleared, and the log reads as empty.
 */
async function readLog(
  name: string,
  { legacyName, setAside }: LocalDocumentStoreOptions,
): Promise<{ db: IDBDatabase; rows: Uint8Array[]; size: LogSize }> {
  const db = await openLog(name);
  if (legacyName !== undefined) await importLegacyDatabase(legacyName, db);
  const { rows, size } = await loadLog(db);
  if (rows.length > 0 && setAside !== undefined && (await setAside(rows))) {
    await clearLog(db);
    return { db, rows: [], size: EMPTY_LOG };
  }
  return { db, rows, size };
}

export class LocalDocumentStore {
  readonly origin: LocalStoreOrigin;
  /** Resolves once the stored updates are in the document. */
  readonly loaded: Promise<void>;
  private readonly doc: Y.Doc;
  private readonly db: Promise<IDBDatabase>;
  private readonly onError: (error: unknown) => void;
  private readonly stopWatchingPage: () => void;
  private pending: Uint8Array[] = [];
  private writes: Promise<void> = Promise.resolve();
  /** Writes begun and not yet over (committed or failed). */
  private writing = 0;
  private isLoaded = false;
  private scheduled = false;
  private stopped = false;
  private size: LogSize = EMPTY_LOG;
  private readonly onStored: (bytes: number) => void;
  /** Releases the log's lock once the database is closed. */
  private releaseLock: () => void = () => undefined;

  constructor(name: string, doc: Y.Doc, options: LocalDocumentStoreOptions = {}) {
    this.origin = { source: "local-store", database: name };
    this.doc = doc;
    this.onError = options.onError ?? ((error) => reportError(error));
    this.onStored = options.onStored ?? (() => undefined);
    doc.on("update", this.onUpdate);
    const closed = new Promise<void>((resolve) => {
      this.releaseLock = resolve;
    });
    const read = this.readUnderLock(name, holdShared(name, closed), options);
    this.db = read.then(({ db }) => db);
    this.loaded = read.then(({ rows }) => {
      this.apply(rows);
      this.isLoaded = true;
    });
    const { onHiddenAllWritten } = options;
    this.stopWatchingPage = onPageHidden(() => {
      this.writeBeforeLeaving();
      if (this.allWritten()) onHiddenAllWritten?.();
    });
  }

  /** Whether the log holds everything the document does (loaded, nothing left to write). */
  private allWritten(): boolean {
    return this.isLoaded && !this.stopped && this.pending.length === 0 && this.writing === 0;
  }

  /**
   * Opens and reads the log while its lock is asked for (each is a round trip to the browser, and
   * the lock is the slowest). If an eviction deleted the log before the lock was granted, the
   * connection closed itself for it: the log is opened and read again (empty), under the lock.
   * Only a channel copy's first load writes before the lock (its upgrade, `readLog`), and channel
   * documents are never evicted.
   */
  private async readUnderLock(
    name: string,
    granted: Promise<void>,
    options: LocalDocumentStoreOptions,
  ): Promise<{ db: IDBDatabase; rows: Uint8Array[] }> {
    const first = await readLog(name, options);
    await granted;
    const read = closedForAnother(first.db) ? await readLog(name, options) : first;
    this.setSize(read.size);
    return read;
  }

  private apply(rows: readonly Uint8Array[]): void {
    if (this.stopped) return;
    Y.transact(
      this.doc,
      () => {
        for (const row of rows) Y.applyUpdate(this.doc, row);
      },
      this.origin,
    );
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.origin) return;
    this.pending.push(update);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush().catch(this.onError);
    });
  };

  /** Writes the pending updates now; resolves once every update seen so far is stored. */
  flush(): Promise<void> {
    const write = this.writes.then(() => this.writePending());
    this.writes = write.catch(() => undefined);
    return write;
  }

  /**
   * The page is being hidden or left: what is pending goes into a transaction created now, not
   * behind the writes in flight (IndexedDB runs transactions on one store in the order they were
   * created, so the order holds), committed at once; a page that goes away loses a transaction
   * that had not begun committing.
   */
  private writeBeforeLeaving(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const update = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    this.writing += 1;
    const write = this.db
      .then((db) => appendRow(db, update))
      .then(() => this.setSize(grown(this.size, update)))
      .catch((error: unknown) => {
        this.pending = [...batch, ...this.pending];
        this.onError(error);
      })
      .finally(() => {
        this.writing -= 1;
      });
    this.writes = this.writes.then(() => write);
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const update = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    this.writing += 1;
    try {
      await appendRow(await this.db, update);
    } catch (error) {
      this.pending = [...batch, ...this.pending];
      throw error;
    } finally {
      this.writing -= 1;
    }
    this.setSize(grown(this.size, update));
    if (firstRowToMerge(this.size, MAX_TAIL_ROWS) !== null) {
      this.setSize(await compactLog(await this.db, this.size.baseBytes, MAX_TAIL_ROWS));
    }
  }

  private setSize(size: LogSize): void {
    this.size = size;
    this.onStored(size.baseBytes + size.tailBytes);
  }

  private stop(): void {
    this.stopped = true;
    this.doc.off("update", this.onUpdate);
    this.stopWatchingPage();
  }

  /** Stops following the document once what is pending is written, and closes the database. */
  async destroy(): Promise<void> {
    if (this.stopped) return;
    this.stop();
    await Promise.allSettled([this.loaded]);
    try {
      await this.flush();
    } finally {
      await this.close();
    }
  }

  /** Closes the database (if it opened) and releases the log's lock. */
  private async close(): Promise<void> {
    try {
      (await this.db).close();
    } finally {
      this.releaseLock();
    }
  }

  /** Stops following the document and empties the database (nothing pending is written). */
  async clear(): Promise<void> {
    this.stop();
    this.pending = [];
    await Promise.allSettled([this.loaded, this.writes]);
    try {
      await clearLog(await this.db);
    } finally {
      await this.close();
    }
  }
}
