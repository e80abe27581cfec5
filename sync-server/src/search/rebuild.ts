// Rebuilds the search projection from the stored channel documents: each channel's document
// is loaded (snapshot + tail) into a fresh Y.Doc and all its messages are indexed (for a channel
// in the split layout, those of each of its thread documents, one at a time). One channel
// is one write transaction that reads the document and replaces its rows, so a server running
// beside it (whose appends wait for the lock) can never leave older text behind a rebuild.

import type Database from "better-sqlite3";
import { forEachContentDocument } from "../split-migration/stored-documents.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { documentIndexRows } from "./index-rows.ts";
import type { IndexRow, SearchIndex } from "./search-index.ts";

export interface RebuildTarget {
  id: string;
  name: string;
}

export interface RebuildProgress {
  channel: RebuildTarget;
  /** 1-based position among the channels being rebuilt. */
  position: number;
  of: number;
  messages: number;
}

export interface RebuildReport {
  channels: number;
  messages: number;
  ms: number;
}

export interface RebuildOptions {
  index: SearchIndex;
  store: Pick<DocumentStore, "load">;
  /** The database the documents are stored in (which thread documents a channel has). */
  sqlite: Database.Database;
  /** Runs `work` as one write transaction (BEGIN IMMEDIATE). */
  inWriteTransaction: (work: () => void) => void;
  channels: readonly RebuildTarget[];
  /** Also drop rows of channels not in `channels` (a full rebuild). */
  dropOthers: boolean;
  onProgress?: (progress: RebuildProgress) => void;
}

function indexChannel(options: RebuildOptions, channel: RebuildTarget): number {
  let indexed = 0;
  options.inWriteTransaction(() => {
    const rows: IndexRow[] = [];
    forEachContentDocument(options.sqlite, options.store, channel.id, (doc) => {
      rows.push(...documentIndexRows(channel.id, doc).rows);
    });
    options.index.replaceChannel(channel.id, rows);
    indexed = rows.length;
  });
  return indexed;
}

export function rebuildSearchIndex(options: RebuildOptions): RebuildReport {
  const started = Date.now();
  if (options.dropOthers) {
    const keep = new Set(options.channels.map((channel) => channel.id));
    for (const id of options.index.indexedChannelIds())
      if (!keep.has(id)) options.index.removeChannel(id);
  }
  let messages = 0;
  options.channels.forEach((channel, i) => {
    const indexed = indexChannel(options, channel);
    messages += indexed;
    options.onProgress?.({
      channel,
      position: i + 1,
      of: options.channels.length,
      messages: indexed,
    });
  });
  return { channels: options.channels.length, messages, ms: Date.now() - started };
}
