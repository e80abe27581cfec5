// A DocumentStore held in memory, for tests and as the reference behaviour
// the SQLite store is checked against by the shared contract suite.
import {
  type AppendResult,
  assertStorableBatch,
  type CompactionResult,
  type DamagedPart,
  type DocumentStore,
  NOTHING_FOLDED,
  type PendingUpdate,
  type StoredDocument,
} from "./document-store.ts";
import { mergeIntoSnapshot } from "./merge-snapshot.ts";

interface MemoryEntry {
  snapshot: Uint8Array | null;
  tail: { seq: number; update: Uint8Array }[];
}

export class MemoryDocumentStore implements DocumentStore {
  private readonly entries = new Map<string, MemoryEntry>();
  private nextSeq = 1;

  append(name: string, update: Uint8Array): AppendResult {
    const [result] = this.store([{ name, update }]);
    if (result === undefined) throw new Error("an append of one update gave no result");
    return result;
  }

  async appendBatch(batch: readonly PendingUpdate[]): Promise<AppendResult[]> {
    const results = this.store(batch);
    // Resolve on a later tick, as a store that writes elsewhere does.
    await Promise.resolve();
    return results;
  }

  private store(batch: readonly PendingUpdate[]): AppendResult[] {
    // Checked before anything is stored: a refused batch leaves no part of itself behind.
    assertStorableBatch(batch);
    return batch.map(({ name, update }) => {
      let entry = this.entries.get(name);
      if (entry === undefined) {
        entry = { snapshot: null, tail: [] };
        this.entries.set(name, entry);
      }
      const seq = this.nextSeq++;
      entry.tail.push({ seq, update: update.slice() });
      return {
        seq,
        size: {
          snapshotBytes: entry.snapshot?.byteLength ?? 0,
          tailUpdates: entry.tail.length,
          tailBytes: entry.tail.reduce((sum, t) => sum + t.update.byteLength, 0),
        },
      };
    });
  }

  load(name: string): StoredDocument | null {
    const entry = this.entries.get(name);
    if (entry === undefined) return null;
    return {
      snapshot: entry.snapshot?.slice() ?? null,
      updates: entry.tail.map((t) => t.update.slice()),
      seqs: entry.tail.map((t) => t.seq),
    };
  }

  /** Parts set aside, for inspection (the SQLite store keeps them in a table). */
  readonly setAsideParts: { name: string; part: DamagedPart; bytes: Uint8Array; reason: string }[] =
    [];

  setAside(name: string, part: DamagedPart, reason: string): void {
    const entry = this.entries.get(name);
    if (entry === undefined) return;
    if (part.kind === "snapshot") {
      if (entry.snapshot === null) return;
      this.setAsideParts.push({ name, part, bytes: entry.snapshot, reason });
      entry.snapshot = null;
      return;
    }
    const index = entry.tail.findIndex((t) => t.seq === part.seq);
    const [removed] = index === -1 ? [] : entry.tail.splice(index, 1);
    if (removed !== undefined)
      this.setAsideParts.push({ name, part, bytes: removed.update, reason });
  }

  async compact(name: string): Promise<CompactionResult> {
    const entry = this.entries.get(name);
    if (entry === undefined || entry.tail.length === 0) {
      return { ...NOTHING_FOLDED, snapshotBytes: entry?.snapshot?.byteLength ?? 0 };
    }
    const folded = [...entry.tail];
    const through = folded.at(-1)?.seq ?? 0;
    // Yield once so callers see the same asynchronous shape as a worker-backed store.
    await Promise.resolve();
    const snapshot = mergeIntoSnapshot(
      entry.snapshot,
      folded.map((t) => t.update),
    );
    entry.snapshot = snapshot;
    entry.tail = entry.tail.filter((t) => t.seq > through);
    return {
      foldedUpdates: folded.length,
      foldedBytes: folded.reduce((sum, t) => sum + t.update.byteLength, 0),
      snapshotBytes: snapshot.byteLength,
    };
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
