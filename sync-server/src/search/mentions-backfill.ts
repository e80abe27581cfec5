// Once, after the upgrade that added the mentions inbox: channels whose search rows were indexed
// before rows carried their mentions are re-indexed from their stored documents at start, so
// older mentions show in the inbox too. A no-op (one indexed query) on every later start.
import type Database from "better-sqlite3";
import type { Logger } from "../logger.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { rebuildSearchIndex } from "./rebuild.ts";
import type { SearchIndex } from "./search-index.ts";

export interface MentionsBackfillOptions {
  index: SearchIndex;
  store: Pick<DocumentStore, "load">;
  sqlite: Database.Database;
  logger: Logger;
}

export function backfillMentions(options: MentionsBackfillOptions): void {
  const channelIds = options.index.channelsWithoutMentions();
  if (channelIds.length === 0) return;
  options.logger.info({ channels: channelIds.length }, "indexing the mentions of older messages");
  const report = rebuildSearchIndex({
    index: options.index,
    store: options.store,
    sqlite: options.sqlite,
    inWriteTransaction: (work) => options.sqlite.transaction(work).immediate(),
    channels: channelIds.map((id) => ({ id, name: id })),
    dropOthers: false,
  });
  options.logger.info(report, "indexed the mentions of older messages");
}
