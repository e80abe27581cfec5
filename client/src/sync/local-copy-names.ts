// Where a document's local copy lives on this device, per signed-in person: its update log (an
// IndexedDB database, local-store/), its count of unacknowledged changes (localStorage,
// pending-changes.ts) and its snapshot for a warm open (localStorage, screen-snapshots.ts). One definition, for the replica that uses them and whoever removes a copy.

export interface LocalCopyNames {
  /** The IndexedDB database of the document's update log. */
  readonly updates: string;
  /** The localStorage key of its unacknowledged change count. */
  readonly unsynced: string;
  /** The y-indexeddb database an older version used, imported (then deleted) on first load. */
  readonly legacy: string;
  /**
   * The localStorage key saying a channel document's copy has been upgraded: its y-indexeddb
   * database imported (or found absent) and a copy made before the split set aside (or found
   * not to be one). Neither can come back, so later loads skip both checks.
   */
  readonly upgraded: string;
  /** The localStorage key of the document's snapshot, kept while it was on screen. */
  readonly snapshot: string;
}

export function localCopyNames(userId: string, documentName: string): LocalCopyNames {
  const base = `openvibe:${userId}:${documentName}`;
  return {
    updates: `${base}:updates`,
    unsynced: `${base}:unsynced`,
    legacy: base,
    upgraded: `${base}:upgraded`,
    snapshot: `${base}:snapshot`,
  };
}

/**
 * The documents whose local copy holds changes the server has not acknowledged (their count is
 * above zero), so they can be opened at start and deliver them whether or not they are shown.
 */
export function unsyncedDocumentNames(userId: string, storage: Storage = localStorage): string[] {
  const prefix = `openvibe:${userId}:`;
  const suffix = ":unsynced";
  const names: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null || !key.startsWith(prefix) || !key.endsWith(suffix)) continue;
    if (Number(storage.getItem(key)) > 0) names.push(key.slice(prefix.length, -suffix.length));
  }
  return names;
}
