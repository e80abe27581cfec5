// What a document's database holds, read without the store: for tests and the
// benchmark, which count rows and bytes of this store and of y-indexeddb
// (both keep their updates in an object store named "updates").
import { openExisting, requested } from "./idb.ts";

const UPDATES = "updates";

/** The stored updates of database `name`, oldest first; none when it does not exist. */
export async function storedRows(name: string): Promise<Uint8Array[]> {
  const db = await openExisting(name);
  if (db === null) return [];
  try {
    if (!db.objectStoreNames.contains(UPDATES)) return [];
    const store = db.transaction(UPDATES, "readonly").objectStore(UPDATES);
    return await requested(store.getAll() as IDBRequest<Uint8Array[]>);
  } finally {
    db.close();
  }
}

export function totalBytes(rows: readonly Uint8Array[]): number {
  return rows.reduce((sum, row) => sum + row.byteLength, 0);
}
