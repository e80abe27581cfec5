// The search index after a crash. Its projection writes rows up to ten seconds after the change
// (search-projection.ts), so a server killed meanwhile left messages out of the index,
// and out of the mentions inbox read from it, while their documents were stored. Every write
// of the projection records before when the index was complete (`search_progress`); at the
// next start, before any peer connects, the documents stored since then (with a margin for
// changes stored a little before they were projected) are read from the store and their
// messages written again. A server that stopped cleanly wrote everything: nothing is read.
import { parseDocumentName } from "@openvibe/schema";
import type Database from "better-sqlite3";
import type { DocumentStore } from "../storage/document-store.ts";
import { readStoredDocument } from "../storage/load-stored-document.ts";
import { documentIndexRows } from "./index-rows.ts";
import type { SearchIndex } from "./search-index.ts";

/** Documents stored this long before the index was last complete are read again too. */
export const CATCH_UP_MARGIN_MS = 10_000;

export interface IndexCatchUpOptions {
  index: SearchIndex;
  store: Pick<DocumentStore, "load">;
  sqlite: Database.Database;
}

export interface IndexCatchUpReport {
  documents: number;
  messages: number;
}

/** Stored documents with an update stored, or a compaction, at or after `sinceMs`. */
function documentsStoredSince(sqlite: Database.Database, sinceMs: number): string[] {
  return sqlite
    .prepare<{ since: number }, { name: string }>(
      `SELECT name FROM documents AS d
       WHERE d.compacted_at >= :since
          OR (SELECT stored_at FROM document_updates
              WHERE document_name = d.name ORDER BY seq DESC LIMIT 1) >= :since`,
    )
    .all({ since: sinceMs })
    .map((row) => row.name);
}

/** Writes again the messages of every document stored since the index was last complete. */
export function catchUpSearchIndex({
  index,
  store,
  sqlite,
}: IndexCatchUpOptions): IndexCatchUpReport {
  // Stamped as stored updates are (Date.now), before anything can be stored again.
  const startedAt = Date.now();
  const names = documentsStoredSince(sqlite, index.completeBefore() - CATCH_UP_MARGIN_MS);
  let messages = 0;
  for (const name of names) {
    const channelId = parseDocumentName(name)?.channelId;
    if (channelId === undefined) continue;
    const loaded = readStoredDocument(store, name);
    if (loaded === null) continue;
    try {
      const { rows, removed } = documentIndexRows(channelId, loaded.doc);
      index.write(rows, removed);
      messages += rows.length;
    } finally {
      loaded.doc.destroy();
    }
  }
  index.markCompleteBefore(startedAt);
  return { documents: names.length, messages };
}
