// @openvibe/sync-server's public surface, for scripts and other packages.

export { SNAPSHOT_SHARE, shouldCompact } from "./collaboration/compaction-policy.ts";
export { Persistence, type PersistenceOptions } from "./collaboration/persistence.ts";
export { ConfigError, loadConfig, type ServerConfig } from "./config/config.ts";
export { connect, databasePath, type OpenVibeDatabase, openDatabase } from "./db/open-database.ts";
export { createLogger, type Logger } from "./logger.ts";
export { facetConditions } from "./search/facets.ts";
export { type BodyMatch, toMatchExpression } from "./search/fts-query.ts";
export { toIndexText } from "./search/index-text.ts";
export { backfillWordPairs } from "./search/pairs-backfill.ts";
export {
  filterParams,
  type IndexRow,
  onlyChannels,
  ROW_FILTERS_SQL,
  type RowFilters,
  SearchIndex,
} from "./search/search-index.ts";
export { DEFAULT_CANDIDATE_CAP } from "./search/search-service.ts";
export { snippetOf } from "./search/snippet.ts";
export { type RunningServer, startServer } from "./server.ts";
export type { CompactionResult, DocumentStore, StoredDocument } from "./storage/document-store.ts";
export { MemoryDocumentStore } from "./storage/memory-document-store.ts";
export { SqliteDocumentStore } from "./storage/sqlite-document-store.ts";
