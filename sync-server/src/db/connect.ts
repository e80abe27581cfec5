// A raw SQLite connection with the settings durability depends on, without drizzle: the
// compaction worker opens its connection through this alone, so it starts in a fraction of the
// time drizzle's modules take to load.
import Database from "better-sqlite3";

export interface DatabaseOptions {
  synchronous: "full" | "normal";
}

/** A raw connection with the project's pragmas (the server's and the compaction worker's). */
export function connect(path: string, options: DatabaseOptions): Database.Database {
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous.toUpperCase()}`);
  sqlite.pragma("busy_timeout = 10000");
  // A compaction writes a whole snapshot through the WAL; truncate it back afterwards.
  sqlite.pragma("journal_size_limit = 16777216");
  sqlite.pragma("foreign_keys = ON");
  return sqlite;
}
