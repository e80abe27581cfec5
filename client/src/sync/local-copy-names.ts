// Where a document's local copy lives on this device, per signed-in person: its update log (an
// IndexedDB database, local-store/) and its count of unacknowledged changes (localStorage,
// pending-changes.ts). One definition, for the replica that uses them and whoever removes a copy.

export interface LocalCopyNames {
  /** The IndexedDB database of the document's update log. */
  readonly updates: string;
  /** The localStorage key of its unacknowledged change count. */
  readonly unsynced: string;
  /** The y-indexeddb database an older version used, imported (then deleted) on first load. */
  readonly legacy: string;
}

export function localCopyNames(userId: string, documentName: string): LocalCopyNames {
  const base = `openvibe:${userId}:${documentName}`;
  return { updates: `${base}:updates`, unsynced: `${base}:unsynced`, legacy: base };
}
