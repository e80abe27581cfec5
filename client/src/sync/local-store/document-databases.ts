// Where one document of one person lives in this browser: its log database, the y-indexeddb
// database an earlier client used (imported once, then deleted), and the localStorage key of its
// unsynced count (sync/pending-changes.ts). One definition, so the replica that writes them and
// the eviction that deletes them (offline/) name the same things.

export interface DocumentDatabases {
  /** The y-indexeddb database of the client before this store (import source, then deleted). */
  readonly legacy: string;
  /** The update log (update-log.ts); also the Web Lock held while the log is open. */
  readonly log: string;
  /** localStorage: how many local changes the server has not acknowledged. */
  readonly unsyncedKey: string;
}

/** The local databases of `documentName` (`channel:<id>`, `thread:<c>:<t>`) for `userId`. */
export function documentDatabases(userId: string, documentName: string): DocumentDatabases {
  const legacy = `openvibe:${userId}:${documentName}`;
  return { legacy, log: `${legacy}:updates`, unsyncedKey: `${legacy}:unsynced` };
}
