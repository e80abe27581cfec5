// The contract every document store implements: an append-only log of Yjs
// updates per document, folded into a snapshot by compaction.
//
// The persistence extension stores the updates of one event-loop turn with one
// `appendBatch` (one transaction, one fsync) and lets the acknowledgements and
// broadcasts of that turn leave the server only once it resolved
// (storage/group-commit.ts), so an acknowledged update is always on disk.
// `append` stores one update synchronously (tools and tests).

export interface StoredDocument {
  /** Compacted state, or null when the document was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Each update's position in the log (parallel to `updates`). */
  seqs: number[];
}

/** A stored part of a document found damaged: its snapshot, or one update of its log. */
export type DamagedPart = { kind: "snapshot" } | { kind: "update"; seq: number };

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

/** One update waiting to be stored. */
export interface PendingUpdate {
  name: string;
  update: Uint8Array;
}

export interface DocumentStore {
  /** Stores one update durably before returning. Throws on an empty update. */
  append(name: string, update: Uint8Array): AppendResult;
  /**
   * Stores every update of the batch durably, in one transaction, and resolves once it is on
   * disk: all of them, or none when it rejects (an empty update anywhere refuses the whole batch
   * at once). Updates of one document are stored in batch order; the results are in batch order
   * too. Batches may overlap: each is stored whole, and a later one never takes an earlier one's
   * sequence numbers.
   */
  appendBatch(batch: readonly PendingUpdate[]): Promise<AppendResult[]>;
  /** Snapshot plus tail, or null for a document never stored ("not found" is a state). */
  load(name: string): StoredDocument | null;
  /**
   * Folds the tail present when compaction starts into a new snapshot.
   * Appends made while it runs stay in the tail; none is lost.
   */
  compact(name: string): Promise<CompactionResult>;
  /**
   * Takes a damaged part out of the document (later loads go without it) and keeps its bytes
   * aside with `reason`, for inspection. Sequence numbers are never reused.
   */
  setAside(name: string, part: DamagedPart, reason: string): void;
  /** Starts what compactions need (a worker thread) ahead of the first one; optional. */
  warmUp?(): void;
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

export function assertStorableBatch(batch: readonly PendingUpdate[]): void {
  for (const { name, update } of batch) assertStorableUpdate(name, update);
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
