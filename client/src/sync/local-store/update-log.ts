// A document's log in IndexedDB: one object store of Yjs updates under
// auto-incremented keys, oldest first. Appends add a row; compaction reads the
// rows and replaces some of them by their merge in the same readwrite
// transaction, so it is safe with other tabs appending to the same database:
// their rows are either read and merged, or written after and kept.
import * as Y from "yjs";
import { firstRowToMerge, type LogSize, sizeOf } from "./compaction-policy.ts";
import { committed, openDatabase, requested } from "./idb.ts";

export const LOG_STORE = "updates";

export function openLog(name: string): Promise<IDBDatabase> {
  return openDatabase(name, (db) => db.createObjectStore(LOG_STORE, { autoIncrement: true }));
}

export async function appendRow(db: IDBDatabase, update: Uint8Array): Promise<void> {
  const transaction = db.transaction(LOG_STORE, "readwrite");
  transaction.objectStore(LOG_STORE).add(update);
  await committed(transaction);
}

export interface CompactedLog {
  /** The log's content after compaction, row by row. */
  rows: Uint8Array[];
  size: LogSize;
}

/**
 * In one readwrite transaction: reads every row, merges the rows `firstRowToMerge` picks into one
 * (stored under the first merged key, so the base stays first) and deletes the others.
 */
export async function readAndCompact(db: IDBDatabase, maxTailRows: number): Promise<CompactedLog> {
  const transaction = db.transaction(LOG_STORE, "readwrite");
  const store = transaction.objectStore(LOG_STORE);
  const [keys, values] = await Promise.all([
    requested(store.getAllKeys()),
    requested(store.getAll() as IDBRequest<Uint8Array[]>),
  ]);
  const first = firstRowToMerge(sizeOf(values), maxTailRows);
  const firstKey = first === null ? undefined : keys[first];
  const lastKey = keys.at(-1);
  let rows = values;
  if (first !== null && firstKey !== undefined && lastKey !== undefined) {
    const merged = Y.mergeUpdates(values.slice(first));
    store.delete(IDBKeyRange.bound(firstKey, lastKey));
    store.put(merged, firstKey);
    rows = [...values.slice(0, first), merged];
  }
  await committed(transaction);
  return { rows, size: sizeOf(rows) };
}

export async function clearLog(db: IDBDatabase): Promise<void> {
  const transaction = db.transaction(LOG_STORE, "readwrite");
  transaction.objectStore(LOG_STORE).clear();
  await committed(transaction);
}
