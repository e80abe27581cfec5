// Folds a snapshot and the updates after it into one new snapshot. Applying
// them to a document and encoding its state (rather than Y.mergeUpdates)
// lets Yjs garbage-collect deleted content.
import * as Y from "yjs";

export function mergeIntoSnapshot(
  snapshot: Uint8Array | null,
  updates: readonly Uint8Array[],
): Uint8Array {
  const doc = new Y.Doc();
  try {
    return mergeIntoDocument(doc, snapshot === null ? updates : [snapshot, ...updates]);
  } finally {
    doc.destroy();
  }
}

/** Applies `updates` to `doc` in one transaction and returns its whole state, encoded. */
export function mergeIntoDocument(doc: Y.Doc, updates: readonly Uint8Array[]): Uint8Array {
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return Y.encodeStateAsUpdate(doc);
}
