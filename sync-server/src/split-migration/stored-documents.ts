// Reading the documents of the split layout as they are stored: which channel documents exist,
// which thread documents a channel has (by name: `thread:<channelId>:` is a prefix no other
// channel's names share, since a channel id never contains `:`), and a stored document loaded
// into a Y.Doc. For the migration, import, export and the generator, which run on the database
// rather than through Hocuspocus.

import {
  CHANNEL_DOCUMENT_PREFIX,
  channelDocumentName,
  parseChannelDocumentName,
  readDocumentLayout,
  THREAD_DOCUMENT_PREFIX,
} from "@openvibe/schema";
import type Database from "better-sqlite3";
import * as Y from "yjs";
import type { DocumentStore } from "../storage/document-store.ts";

/** The first string after every string that starts with `prefix` (its last character + 1). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function namesWithPrefix(sqlite: Database.Database, prefix: string): string[] {
  return sqlite
    .prepare<[string, string], { name: string }>(
      "SELECT name FROM documents WHERE name >= ? AND name < ? ORDER BY name",
    )
    .all(prefix, prefixEnd(prefix))
    .map((row) => row.name);
}

/** The ids of every channel whose document is stored, in name order. */
export function storedChannelIds(sqlite: Database.Database): string[] {
  return namesWithPrefix(sqlite, CHANNEL_DOCUMENT_PREFIX).flatMap(
    (name) => parseChannelDocumentName(name) ?? [],
  );
}

/** The names of a channel's stored thread documents, in name order. */
export function storedThreadDocumentNames(sqlite: Database.Database, channelId: string): string[] {
  return namesWithPrefix(sqlite, `${THREAD_DOCUMENT_PREFIX}${channelId}:`);
}

export function isStored(sqlite: Database.Database, name: string): boolean {
  return (
    sqlite
      .prepare<[string], { one: number }>("SELECT 1 AS one FROM documents WHERE name = ?")
      .get(name) !== undefined
  );
}

export interface LoadedDocument {
  doc: Y.Doc;
  /** Stored parts that do not decode, left out (the server sets them aside when it loads). */
  damagedParts: number;
}

function decodes(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

function applied(parts: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  return doc;
}

/**
 * A stored document (snapshot plus tail) in a fresh Y.Doc, or null when none is stored. Parts are
 * checked one by one (a whole decode each: costly for a large snapshot) only when applying them
 * all fails.
 */
export function loadStoredDocument(
  store: Pick<DocumentStore, "load">,
  name: string,
): LoadedDocument | null {
  const stored = store.load(name);
  if (stored === null) return null;
  const parts = stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates];
  try {
    return { doc: applied(parts), damagedParts: 0 };
  } catch {
    const intact = parts.filter(decodes);
    return { doc: applied(intact), damagedParts: parts.length - intact.length };
  }
}

/**
 * Calls `read` with each stored document holding the channel's content, one at a time (each
 * destroyed after): the channel document of a one-document channel, or every thread document
 * of a split one. Nothing is called for a channel never stored.
 */
export function forEachContentDocument(
  sqlite: Database.Database,
  store: Pick<DocumentStore, "load">,
  channelId: string,
  read: (doc: Y.Doc) => void,
): void {
  const channel = loadStoredDocument(store, channelDocumentName(channelId));
  if (channel === null) return;
  const split = readDocumentLayout(channel.doc) === "split-channel";
  try {
    if (!split) read(channel.doc);
  } finally {
    channel.doc.destroy();
  }
  if (!split) return;
  for (const name of storedThreadDocumentNames(sqlite, channelId)) {
    const thread = loadStoredDocument(store, name);
    if (thread === null) continue;
    try {
      read(thread.doc);
    } finally {
      thread.doc.destroy();
    }
  }
}
