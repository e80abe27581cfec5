// Reading the documents of the split layout as they are stored: which channel documents exist,
// which thread documents a channel has (by name: `thread:<channelId>:` is a prefix no other
// channel's names share, since a channel id never contains `:`), and each of a channel's content
// documents loaded in turn. For the migration, import, export and the generator, which run on
// the database rather than through Hocuspocus.

import {
  CHANNEL_DOCUMENT_PREFIX,
  channelDocumentName,
  namePrefixRange,
  parseChannelDocumentName,
  readDocumentLayout,
  threadDocumentNameRange,
} from "@openvibe/schema";
import type Database from "better-sqlite3";
import type * as Y from "yjs";
import type { DocumentStore } from "../storage/document-store.ts";
import { readStoredDocument } from "../storage/load-stored-document.ts";

function namesIn(sqlite: Database.Database, range: { from: string; to: string }): string[] {
  return sqlite
    .prepare<[string, string], { name: string }>(
      "SELECT name FROM documents WHERE name >= ? AND name < ? ORDER BY name",
    )
    .all(range.from, range.to)
    .map((row) => row.name);
}

/** The ids of every channel whose document is stored, in name order. */
export function storedChannelIds(sqlite: Database.Database): string[] {
  return namesIn(sqlite, namePrefixRange(CHANNEL_DOCUMENT_PREFIX)).flatMap(
    (name) => parseChannelDocumentName(name) ?? [],
  );
}

/** The names of a channel's stored thread documents, in name order. */
export function storedThreadDocumentNames(sqlite: Database.Database, channelId: string): string[] {
  return namesIn(sqlite, threadDocumentNameRange(channelId));
}

export function isStored(sqlite: Database.Database, name: string): boolean {
  return (
    sqlite
      .prepare<[string], { one: number }>("SELECT 1 AS one FROM documents WHERE name = ?")
      .get(name) !== undefined
  );
}

/**
 * Calls `read` with each stored document holding the channel's content, one at a time (each
 * destroyed after): the channel document of a one-document channel, or every thread document
 * of a split one. Nothing is called for a channel of which nothing is stored.
 */
export function forEachContentDocument(
  sqlite: Database.Database,
  store: Pick<DocumentStore, "load">,
  channelId: string,
  read: (doc: Y.Doc) => void,
): void {
  const channel = readStoredDocument(store, channelDocumentName(channelId));
  if (channel !== null) {
    try {
      if (readDocumentLayout(channel.doc) !== "split-channel") read(channel.doc);
    } finally {
      channel.doc.destroy();
    }
  }
  // Thread documents even when the channel document is not stored, or not set up as split, yet:
  // the server writes it a moment after a new thread's first write, so a thread can be durable
  // (acknowledged) before it. A one-document channel has none.
  for (const name of storedThreadDocumentNames(sqlite, channelId)) {
    const thread = readStoredDocument(store, name);
    if (thread === null) continue;
    try {
      read(thread.doc);
    } finally {
      thread.doc.destroy();
    }
  }
}
