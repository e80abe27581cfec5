// The documents compactions merged, kept for the next compaction of the same document: it then
// applies only the new tail to the document it built last time, instead of applying the whole
// snapshot again to a fresh one (for a channel of a few thousand messages, about a quarter of
// the work, and most of the server's compaction time while one is written fast). An entry is
// used only when the snapshot stored now is byte for byte the one it encoded, so anything that
// changed the stored snapshot meanwhile (another compaction, a damaged snapshot set aside) makes
// the compaction start afresh. Small documents only, within a byte budget, dropped after a
// while unused, so a document nobody writes to does not stay in memory.
import type * as Y from "yjs";

export interface MergedDocumentsOptions {
  /** Most snapshot bytes kept in all (a document takes about ten times that in memory). */
  maxBytes: number;
  /** How long an entry is kept without a compaction using it. */
  idleMs: number;
}

interface Entry {
  doc: Y.Doc;
  snapshot: Uint8Array;
  expiry: NodeJS.Timeout;
}

export class MergedDocuments {
  private readonly options: MergedDocumentsOptions;
  /** Least recently kept first. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(options: MergedDocumentsOptions) {
    this.options = options;
  }

  /**
   * The document whose encoded state is `snapshot`, taken out of the cache to be merged into;
   * undefined when none is kept or the stored snapshot is not the one it encoded.
   */
  take(name: string, snapshot: Uint8Array | null): Y.Doc | undefined {
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    this.drop(name, entry);
    if (snapshot !== null && sameBytes(snapshot, entry.snapshot)) {
      return entry.doc;
    }
    entry.doc.destroy();
    return undefined;
  }

  /** Keeps `doc`, whose encoded state is `snapshot` (now stored), for the next compaction. */
  keep(name: string, doc: Y.Doc, snapshot: Uint8Array): void {
    const old = this.entries.get(name);
    if (old !== undefined) {
      this.drop(name, old);
      old.doc.destroy();
    }
    if (snapshot.byteLength > this.options.maxBytes) {
      doc.destroy();
      return;
    }
    const expiry = setTimeout(() => this.forget(name), this.options.idleMs);
    expiry.unref();
    this.entries.set(name, { doc, snapshot, expiry });
    this.bytes += snapshot.byteLength;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.forget(oldest);
    }
  }

  /** Drops every entry. */
  clear(): void {
    for (const name of [...this.entries.keys()]) this.forget(name);
  }

  private forget(name: string): void {
    const entry = this.entries.get(name);
    if (entry === undefined) return;
    this.drop(name, entry);
    entry.doc.destroy();
  }

  private drop(name: string, entry: Entry): void {
    clearTimeout(entry.expiry);
    this.entries.delete(name);
    this.bytes -= entry.snapshot.byteLength;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}
