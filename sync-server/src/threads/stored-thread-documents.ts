// Derives the index rows of thread documents from what the store holds, without Hocuspocus:
// the server's catch-up at start (thread documents stored after their row, a crash between the
// two) and `ovb reindex` (every one: the table is a projection, rebuilt like the search index).
// Each document is loaded into a Y.Doc of its own, read and dropped, one at a time.
import { deriveThreadIndexEntry, parseDocumentName } from "@openvibe/schema";
import type * as Y from "yjs";
import type { DocumentStore } from "../storage/document-store.ts";
import { loadStoredDocument } from "../storage/load-stored-document.ts";
import type { StoredThreadDocument, ThreadIndexRows } from "./thread-index-rows.ts";

export interface IndexStoredThreadsOptions {
  rows: ThreadIndexRows;
  store: Pick<DocumentStore, "load">;
  documents: Iterable<StoredThreadDocument> | AsyncIterable<StoredThreadDocument>;
  /**
   * Also brings the channel document in step first (the server), resolving whether the row may
   * be written (false: the channel document's change could not be stored); absent: rows only.
   */
  repair?: (channelId: string, threadDoc: Y.Doc) => Promise<boolean>;
  /** Checked before each document: false stops (the server is stopping). */
  going?: () => boolean;
}

/** Writes the row of each document; returns how many hold a thread. */
export async function indexStoredThreads(options: IndexStoredThreadsOptions): Promise<number> {
  let written = 0;
  for await (const { documentName, storedThrough } of options.documents) {
    if (options.going?.() === false) break;
    const parsed = parseDocumentName(documentName);
    if (parsed?.kind !== "thread") continue;
    const doc = loadStoredDocument(options.store, documentName);
    try {
      const digest = deriveThreadIndexEntry(doc, parsed.threadId) ?? null;
      if (digest !== null && (await options.repair?.(parsed.channelId, doc)) === false) continue;
      // A document holding no thread gets a row without digest: not read again until it changes.
      options.rows.write(parsed.channelId, parsed.threadId, digest, storedThrough);
      if (digest !== null) written += 1;
    } finally {
      doc.destroy();
    }
  }
  return written;
}
