// Promise forms of the few IndexedDB calls the local store makes. Awaiting a
// request keeps its transaction active (the continuation runs in the request's
// success callback microtasks), so a read, a merge and a write can share one
// transaction as long as nothing else is awaited in between.

export function requested<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Resolves when the transaction has committed, rejects when it aborts or fails. */
export function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error("transaction aborted"));
    transaction.onerror = () => reject(transaction.error);
  });
}

/** Connections that closed themselves for another one's deletion or upgrade of their database. */
const closedForOthers = new WeakSet<IDBDatabase>();

/** Whether `db` closed itself because another connection deleted or upgraded its database. */
export function closedForAnother(db: IDBDatabase): boolean {
  return closedForOthers.has(db);
}

/**
 * Opens (creating if needed) a database at version 1. The connection closes itself when another
 * one wants to delete or upgrade the database, so it never blocks that (`closedForAnother`).
 */
export async function openDatabase(
  name: string,
  create: (db: IDBDatabase) => void,
): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => create(request.result);
  const db = await requested(request);
  db.onversionchange = () => {
    closedForOthers.add(db);
    db.close();
  };
  return db;
}

/** Opens a database only if it exists (at whatever version): null when there is none. */
export function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    let absent = false;
    request.onupgradeneeded = (event) => {
      if (event.oldVersion !== 0) return;
      absent = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      if (!absent) return reject(request.error);
      event.preventDefault();
      resolve(null);
    };
  });
}

/**
 * Deletes a database. Resolves once it is deleted, or once the deletion is queued behind a
 * connection that does not close (it then happens when that connection closes).
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
