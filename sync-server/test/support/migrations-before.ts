// A copy of the server's migrations that stops before one of them: a data directory migrated
// with it is one written by the version before that migration.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { temporaryDataDir } from "./test-server.ts";

const MIGRATIONS = new URL("../../drizzle", import.meta.url).pathname;

/** A folder of the migrations without those from `tag` on. */
export function migrationsBefore(tag: string): string {
  const folder = temporaryDataDir();
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at < 0) throw new Error(`no migration tagged ${tag}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return folder;
}
