// Opens the server's SQLite file with the settings durability depends on and
// brings its tables up to date with the committed migrations.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { connect, type DatabaseOptions } from "./connect.ts";
import * as schema from "./schema.ts";

export { connect, type DatabaseOptions };

export const DATABASE_FILE_NAME = "openvibe.sqlite";
const MIGRATIONS_FOLDER = new URL("../../drizzle", import.meta.url).pathname;

export type OpenVibeDatabase = BetterSQLite3Database<typeof schema> & {
  $client: Database.Database;
};

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}

/** Opens (creating if needed) the data directory's database and applies pending migrations. */
export function openDatabase(dataDir: string, options: DatabaseOptions): OpenVibeDatabase {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = connect(databasePath(dataDir), options);
  const db = drizzle(sqlite, { schema });
  applyMigrations(db);
  return db;
}

/**
 * drizzle's migrator reads which migrations are applied before it takes the write lock, so two
 * processes opening the same new database at once (two `ovb` commands, or one beside a starting
 * server) both try to apply them and the later one fails. It failed only if the database is still
 * not up to date afterwards.
 */
function applyMigrations(db: OpenVibeDatabase): void {
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    if (!isUpToDate(db.$client)) throw error;
  }
}

function isUpToDate(sqlite: Database.Database): boolean {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const newest = Math.max(...migrations.map((migration) => migration.folderMillis));
  const applied = sqlite
    .prepare("SELECT max(created_at) AS newest FROM __drizzle_migrations")
    .get() as { newest: number | null };
  return Number(applied.newest) >= newest;
}
