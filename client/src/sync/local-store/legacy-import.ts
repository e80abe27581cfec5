// Upgrading from y-indexeddb: its database (one per channel, object store
// "updates", one Yjs update per row) may hold edits the server never got. They
// are copied into the new log first, and only then is the old database
// deleted; a crash in between copies them again on the next load, which Yjs
// applies idempotently.
import * as Y from "yjs";
import { deleteDatabase, openExisting, requested } from "./idb.ts";
import { appendRow } from "./update-log.ts";

const LEGACY_STORE = "updates";

/** Moves the updates of the y-indexeddb database `legacyName`, if there is one, into `log`. */
export async function importLegacyDatabase(legacyName: string, log: IDBDatabase): Promise<void> {
  const legacy = await openExisting(legacyName);
  if (legacy === null) return;
  let updates: Uint8Array[] = [];
  try {
    if (legacy.objectStoreNames.contains(LEGACY_STORE)) {
      const store = legacy.transaction(LEGACY_STORE, "readonly").objectStore(LEGACY_STORE);
      updates = await requested(store.getAll() as IDBRequest<Uint8Array[]>);
    }
  } finally {
    legacy.close();
  }
  if (updates.length > 0) await appendRow(log, Y.mergeUpdates(updates));
  await deleteDatabase(legacyName);
}
