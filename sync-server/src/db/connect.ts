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
  sqlite.pragma("busy_timeout = 10000");
  useWriteAheadLog(sqlite);
  sqlite.pragma(`synchronous = ${options.synchronous.toUpperCase()}`);
  // A compaction writes a whole snapshot through the WAL; truncate it back afterwards.
  sqlite.pragma("journal_size_limit = 16777216");
  sqlite.pragma("foreign_keys = ON");
  return sqlite;
}

const WAL_SWITCH_ATTEMPTS = 100;
const WAL_SWITCH_PAUSE_MS = 20;

/**
 * Switching a new file to WAL needs the file to itself, and SQLite answers SQLITE_BUSY at once
 * (without its busy handler) when another process opens the same new file at that moment: two
 * `ovb` commands, or one beside a starting server. Retried for up to two seconds.
 */
function useWriteAheadLog(sqlite: Database.Database): void {
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const busy = (error as { code?: unknown }).code === "SQLITE_BUSY";
      if (!busy || attempt === WAL_SWITCH_ATTEMPTS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_SWITCH_PAUSE_MS);
    }
  }
}
