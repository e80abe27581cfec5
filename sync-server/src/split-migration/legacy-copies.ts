// The legacy copies the split left (legacy-document.ts), listed per channel and removed on an
// operator's request (`ovb migrate --drop-legacy`). Nothing reads them: the server serves no
// `legacy:` name, a device recovers its old copy against the thread documents, and the
// migration tells a split channel by its channel document's layout (the legacy copy only spares
// it loading that document). What a legacy copy alone holds is what the split left out: entries
// no thread document could hold, stored parts that did not decode, thread documents a peer wrote
// before the split (`legacy:thread:...`), all logged when the channel was split.
//
// A channel's copies go only once its channel document is stored in the split layout: one whose
// document was replaced by an older state since (a restored database) keeps them.

import {
  channelDocumentName,
  namePrefixRange,
  parseDocumentName,
  readDocumentLayout,
} from "@openvibe/schema";
import type Database from "better-sqlite3";
import type { DocumentStore } from "../storage/document-store.ts";
import { readStoredDocument } from "../storage/load-stored-document.ts";
import { LEGACY_DOCUMENT_PREFIX } from "./legacy-document.ts";

/** One channel's legacy documents. */
export interface LegacyCopy {
  channelId: string;
  /** `legacy:channel:<id>` and any `legacy:thread:<id>:...`. */
  names: string[];
  /** Their stored bytes: snapshots and update logs. */
  bytes: number;
  /** When the channel document was stored split (epoch ms): the split's commit point. */
  splitAt: number | null;
  /** The channel document is stored in the split layout: only then may the copy go. */
  channelSplit: boolean;
}

interface NameBytes {
  name: string;
  bytes: number;
}

/** Every `legacy:` document with its stored bytes, in name order. */
function legacyDocuments(sqlite: Database.Database): NameBytes[] {
  const { from, to } = namePrefixRange(LEGACY_DOCUMENT_PREFIX);
  return sqlite
    .prepare<[string, string, string, string], NameBytes>(
      `SELECT name, sum(bytes) AS bytes FROM (
         SELECT name, coalesce(length(snapshot), 0) AS bytes FROM documents
           WHERE name >= ? AND name < ?
         UNION ALL
         SELECT document_name AS name, length("update") AS bytes FROM document_updates
           WHERE document_name >= ? AND document_name < ?)
       GROUP BY name ORDER BY name`,
    )
    .all(from, to, from, to);
}

function splitAt(sqlite: Database.Database, channelId: string): number | null {
  return (
    sqlite
      .prepare<[string], { createdAt: number }>(
        "SELECT created_at AS createdAt FROM documents WHERE name = ?",
      )
      .get(channelDocumentName(channelId))?.createdAt ?? null
  );
}

function storedSplit(store: Pick<DocumentStore, "load">, channelId: string): boolean {
  const loaded = readStoredDocument(store, channelDocumentName(channelId));
  if (loaded === null) return false;
  try {
    return readDocumentLayout(loaded.doc) === "split-channel";
  } finally {
    loaded.doc.destroy();
  }
}

/** The legacy copies in the database, one per channel, in channel id order. */
export function listLegacyCopies(
  sqlite: Database.Database,
  store: Pick<DocumentStore, "load">,
): LegacyCopy[] {
  const byChannel = new Map<string, LegacyCopy>();
  for (const { name, bytes } of legacyDocuments(sqlite)) {
    const channelId = parseDocumentName(name.slice(LEGACY_DOCUMENT_PREFIX.length))?.channelId;
    if (channelId === undefined) continue; // no name the split writes: not ours to remove
    let copy = byChannel.get(channelId);
    if (copy === undefined) {
      copy = { channelId, names: [], bytes: 0, splitAt: null, channelSplit: false };
      byChannel.set(channelId, copy);
    }
    copy.names.push(name);
    copy.bytes += bytes;
  }
  const copies = [...byChannel.values()].sort((a, b) => (a.channelId < b.channelId ? -1 : 1));
  for (const copy of copies) {
    copy.splitAt = splitAt(sqlite, copy.channelId);
    copy.channelSplit = storedSplit(store, copy.channelId);
  }
  return copies;
}

/** Removes one channel's legacy documents, all or none. */
export function dropLegacyCopy(sqlite: Database.Database, copy: LegacyCopy): void {
  const deleteLog = sqlite.prepare("DELETE FROM document_updates WHERE document_name = ?");
  const deleteDocument = sqlite.prepare("DELETE FROM documents WHERE name = ?");
  sqlite
    .transaction(() => {
      for (const name of copy.names) {
        deleteLog.run(name);
        deleteDocument.run(name);
      }
    })
    .immediate();
}
