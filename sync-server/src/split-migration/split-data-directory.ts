// The migration over an open database, with a document store of its own (closed after, so no
// cache of the documents it rewrote outlives it): what the server runs at start before it
// listens, and `ovb migrate` runs on a stopped server's data directory.
import { ClientIdRegistry } from "../collaboration/client-id-registry.ts";
import type { OpenVibeDatabase } from "../db/open-database.ts";
import { SqliteDocumentStore } from "../storage/sqlite-document-store.ts";
import {
  type MigrateDataDirectoryOptions,
  migrateDataDirectory,
  type SplitMigrationReport,
} from "./migrate-data-directory.ts";

/**
 * Whether the server splits one-document channels when it starts. Off until the layout switch
 * (docs/history-split.md, "Migration"): the server of this version still reads a channel's
 * content from its channel document, so `ovb migrate` is the way to split one for now.
 */
export const SPLIT_CHANNELS_AT_START = false;

export async function splitDataDirectory(
  db: OpenVibeDatabase,
  options: MigrateDataDirectoryOptions & { now: () => number },
): Promise<SplitMigrationReport> {
  const store = new SqliteDocumentStore(db, { synchronous: "full" });
  try {
    return migrateDataDirectory(
      { sqlite: db.$client, store, clientIds: new ClientIdRegistry(db), now: options.now },
      options,
    );
  } finally {
    await store.close();
  }
}
