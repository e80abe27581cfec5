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
