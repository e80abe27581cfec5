// A document's log in IndexedDB: one object store of Yjs updates under
// auto-incremented keys, oldest first. Appends add a row; compaction reads
// rows and replaces some of them by their merge in the same readwrite
// transaction, so it is safe with other tabs appending to the same database:
// their rows are either read and merged, or written after and kept.
import * as Y from "yjs";
import { firstRowToMerge, grown, type LogSize, sizeOf } from "./compaction-policy.ts";
import { committed, openDatabase, requested } from "./idb.ts";

export const LOG_STORE = "updates";

export function openLog(name: string): Promise<IDBDatabase> {
  return openDatabase(name, (db) => db.createObjectStore(LOG_STORE, { autoIncrement: true }));
}

/**
 * Appends one row, asking IndexedDB to commit at once rather than at the end of the task: a page
 * reloaded or closed right after a write loses a transaction that had not begun committing.
 */
export async function appendRow(db: IDBDatabase, update: Uint8Array): Promise<void> {
  const transaction = db.transaction(LOG_STORE, "readwrite");
  transaction.objectStore(LOG_STORE).add(update);
  transaction.commit();
  await committed(transaction);
}

/** Replaces the rows `keys` (consecutive, ascending) by their merge, under the first key. */
function replaceByMerge(
  store: IDBObjectStore,
  keys: IDBValidKey[],
  rows: Uint8Array[],
): Uint8Array {
  const [first, last] = [keys[0], keys.at(-1)];
  if (first === undefined || last === undefined) throw new Error("no rows to merge");
  const merged = Y.mergeUpdates(rows);
  store.delete(IDBKeyRange.bound(first, last));
  store.put(merged, first);
  return merged;
}

/**
 * Reads every row (a load); if the tail has more than one row, or the policy says to fold it into
 * the base, reads them again and merges in one transaction. Returns the content as now stored.
 * Most loads have nothing to merge: their read-only transaction commits nothing and waits for no
 * writer (a read-write one cost 20-50 ms more on a warm open, among the page's other reads).
 */
export async function loadLog(db: IDBDatabase): Promise<{ rows: Uint8Array[]; size: LogSize }> {
  const read = db.transaction(LOG_STORE, "readonly").objectStore(LOG_STORE).getAll();
  const values = await requested(read as IDBRequest<Uint8Array[]>);
  if (firstRowToMerge(sizeOf(values), 1) === null) return { rows: values, size: sizeOf(values) };
  return mergeOnLoad(db);
}

/** Reads every row and merges the tail (or folds it into the base) in the same transaction. */
async function mergeOnLoad(db: IDBDatabase): Promise<{ rows: Uint8Array[]; size: LogSize }> {
  const transaction = db.transaction(LOG_STORE, "readwrite");
  const store = transaction.objectStore(LOG_STORE);
  const [keys, values] = await Promise.all([
    requested(store.getAllKeys()),
    requested(store.getAll() as IDBRequest<Uint8Array[]>),
  ]);
  const first = firstRowToMerge(sizeOf(values), 1);
  const rows =
    first === null
      ? values
      : [...values.slice(0, first), replaceByMerge(store, keys.slice(first), values.slice(first))];
  await committed(transaction);
  return { rows, size: sizeOf(rows) };
}

/**
 * Compacts while the page runs: merges the tail when it has more than `maxTailRows` rows, or
 * folds it into the base when it is large enough. The base (most of the document) is read only
 * to fold it: `baseBytes` is its size as last seen, for the decision.
 */
export async function compactLog(
  db: IDBDatabase,
  baseBytes: number,
  maxTailRows: number,
): Promise<LogSize> {
  const transaction = db.transaction(LOG_STORE, "readwrite");
  const store = transaction.objectStore(LOG_STORE);
  const keys = await requested(store.getAllKeys());
  const [baseKey, ...tailKeys] = keys;
  let size: LogSize = { rows: 0, baseBytes: 0, tailBytes: 0 };
  if (baseKey !== undefined) {
    const range = IDBKeyRange.lowerBound(baseKey, true);
    const tail = await requested(store.getAll(range) as IDBRequest<Uint8Array[]>);
    size = tail.reduce(grown, { rows: 1, baseBytes, tailBytes: 0 });
    const first = firstRowToMerge(size, maxTailRows);
    if (first === 0) {
      const base = (await requested(store.get(baseKey))) as Uint8Array;
      size = sizeOf([replaceByMerge(store, keys, [base, ...tail])]);
    } else if (first === 1) {
      size = grown({ ...size, rows: 1, tailBytes: 0 }, replaceByMerge(store, tailKeys, tail));
    }
  }
  await committed(transaction);
  return size;
}

export async function clearLog(db: IDBDatabase): Promise<void> {
  const transaction = db.transaction(LOG_STORE, "readwrite");
  transaction.objectStore(LOG_STORE).clear();
  await committed(transaction);
}
