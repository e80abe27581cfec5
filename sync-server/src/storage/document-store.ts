// The contract every document store implements: an append-only log of Yjs
// updates per document, folded into a snapshot by compaction.
//
// `append` is synchronous on purpose: the persistence extension calls it
// inside the Yjs update event, before Hocuspocus acknowledges the update to
// its sender or forwards it to other peers, so an acknowledged update is
// always on disk.

export interface StoredDocument {
  /** Compacted state, or null when the document was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
}

/** How much a document holds, which compaction policies weigh. */
export interface DocumentSize {
  snapshotBytes: number;
  /** Updates waiting in the tail after the snapshot. */
  tailUpdates: number;
  tailBytes: number;
}

export interface AppendResult {
  /** Position of the update in the store's log; increases with every append. */
  seq: number;
  /** The document's size after this append. */
  size: DocumentSize;
}

export interface CompactionResult {
  /** Updates folded into the new snapshot (0 when there was nothing to do). */
  foldedUpdates: number;
  foldedBytes: number;
  snapshotBytes: number;
}

export interface DocumentStore {
  /** Stores one update durably before returning. Throws on an empty update. */
  append(name: string, update: Uint8Array): AppendResult;
  /** Snapshot plus tail, or null for a document never stored ("not found" is a state). */
  load(name: string): StoredDocument | null;
  /**
   * Folds the tail present when compaction starts into a new snapshot.
   * Appends made while it runs stay in the tail; none is lost.
   */
  compact(name: string): Promise<CompactionResult>;
  /** Finishes running compactions and releases resources. */
  close(): Promise<void>;
}

export const NOTHING_FOLDED = { foldedUpdates: 0, foldedBytes: 0 } as const;

export class EmptyUpdateError extends Error {
  constructor(name: string) {
    super(`refusing to store an empty update for document "${name}"`);
    this.name = "EmptyUpdateError";
  }
}

export function assertStorableUpdate(name: string, update: Uint8Array): void {
  if (update.byteLength === 0) throw new EmptyUpdateError(name);
}

/** The size after a compaction folded part of the tail. */
export function sizeAfterCompaction(before: DocumentSize, result: CompactionResult): DocumentSize {
  if (result.foldedUpdates === 0) return before;
  return {
    snapshotBytes: result.snapshotBytes,
    tailUpdates: Math.max(0, before.tailUpdates - result.foldedUpdates),
    tailBytes: Math.max(0, before.tailBytes - result.foldedBytes),
  };
}
