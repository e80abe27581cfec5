// Backups of the data directory's database: an online copy through SQLite's backup API (safe
// while the server writes: pages copied in steps, restarted by SQLite if they change), checked
// with `PRAGMA integrity_check`; and the checks a restore makes before it replaces anything.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** Pages copied per step: small steps keep a live server's event loop answering. */
const PAGES_PER_STEP = 256;
const JOURNAL = new URL("../../drizzle/meta/_journal.json", import.meta.url);

export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
  ms: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** Copies `source` into `file` online, then checks the copy's integrity. */
export async function backupDatabase(
  source: Database.Database,
  file: string,
  onProgress: (copiedPages: number, totalPages: number) => void = () => {},
): Promise<BackupReport> {
  const started = Date.now();
  mkdirSync(dirname(file), { recursive: true });
  const { totalPages } = await source.backup(file, {
    progress({ totalPages: total, remainingPages }) {
      onProgress(total - remainingPages, total);
      return PAGES_PER_STEP;
    },
  });
  onProgress(totalPages, totalPages);
  // One self-contained file: the copy keeps the source's WAL mode, whose side files would follow it.
  const copy = new Database(file);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const problem = databaseFileProblem(file);
  if (problem !== null) throw new BackupError(`the backup ${file} failed its check: ${problem}`);
  return { file, bytes: statSync(file).size, pages: totalPages, ms: Date.now() - started };
}

/** Why `file` is not a sound SQLite database, or null when `PRAGMA integrity_check` says ok. */
export function databaseFileProblem(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check).filter((row) => row !== "ok");
    return problems.length === 0 ? null : problems.slice(0, 5).join("; ");
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

/** The newest migration (its timestamp) this code knows. */
function newestKnownMigration(): number {
  const journal = JSON.parse(readFileSync(JOURNAL, "utf8")) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

/** Why this server cannot take `file` (written by a newer version), or null. */
export function newerSchemaProblem(file: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'",
      )
      .get();
    if (table === undefined) return "it holds no OpenVibe database (no migrations table)";
    const row = db.prepare("select max(created_at) as newest from __drizzle_migrations").get() as {
      newest: number | null;
    };
    return (row.newest ?? 0) > newestKnownMigration()
      ? "it was written by a newer OpenVibe version (its schema has migrations this one lacks)"
      : null;
  } finally {
    db.close();
  }
}
