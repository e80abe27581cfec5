// ovb migrate --drop-legacy: removes the legacy copies the split kept (legacy:channel:<id>, and
// legacy:thread:... set aside), of every split channel or of those split more than DAYS days
// ago, then compacts the database file so the disk space goes back to the file system. A dry run
// says what would go and how many bytes it frees. Rules: ../../split-migration/legacy-copies.ts.
import type Database from "better-sqlite3";
import type { AppContext } from "../../context.ts";
import {
  dropLegacyCopy,
  type LegacyCopy,
  listLegacyCopies,
} from "../../split-migration/legacy-copies.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import type { CommandIO } from "../command.ts";
import { CliError } from "../errors.ts";
import { keyValues, type Output } from "../output.ts";
import { Progress } from "../progress.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DropLegacyOptions {
  /** Only channels split more than this many days ago. */
  olderThanDays: number | undefined;
  dryRun: boolean;
}

export interface DropLegacyReport {
  /** Channels with legacy copies. */
  channels: number;
  /** Channels whose copies are (or, in a dry run, would be) removed. */
  dropped: number;
  documents: number;
  /** Stored bytes of the removed copies (snapshots and logs). */
  bytes: number;
  /** Channels split within the last --older-than days: their copies stay. */
  splitRecently: number;
  /** Channels whose document is not stored split: their copies stay. */
  notSplit: string[];
  dryRun: boolean;
  /** The database file's size before and after (null in a dry run). */
  databaseBytes: { before: number; after: number } | null;
}

function pages(sqlite: Database.Database, pragma: "page_count" | "freelist_count"): number {
  return sqlite.pragma(pragma, { simple: true }) as number;
}

function databaseBytes(sqlite: Database.Database): number {
  return pages(sqlite, "page_count") * (sqlite.pragma("page_size", { simple: true }) as number);
}

/** Gives the database's free pages back to the file system (VACUUM), when it has any. */
function compactDatabaseFile(sqlite: Database.Database, io: CommandIO): void {
  if (pages(sqlite, "freelist_count") === 0) return;
  io.stderr.write("migrate --drop-legacy: compacting the database file (VACUUM)\n");
  try {
    sqlite.exec("VACUUM");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    throw new CliError(
      "the legacy copies are removed (their space is free inside the database, for new writes), " +
        `but the database file could not be compacted: ${error instanceof Error ? error.message : error}. ` +
        "VACUUM needs about the database's size in free disk space; free some and run " +
        '"ovb migrate --drop-legacy" again to compact it.',
    );
  }
}

function chosen(copies: LegacyCopy[], cutoff: number | null): LegacyCopy[] {
  return copies.filter(
    (copy) =>
      copy.channelSplit && (cutoff === null || (copy.splitAt !== null && copy.splitAt <= cutoff)),
  );
}

function describe(report: DropLegacyReport): string {
  const verb = report.dryRun ? "would remove" : "removed";
  const lines: [string, string][] = [
    [
      "legacy copies",
      `${verb} those of ${report.dropped} of ${report.channels} channels (${report.documents} documents)`,
    ],
    [
      "space",
      `${report.bytes.toLocaleString("en")} bytes of stored documents ${report.dryRun ? "to free" : "freed"}`,
    ],
  ];
  if (report.splitRecently > 0) {
    lines.push(["kept", `${report.splitRecently} channels split more recently than --older-than`]);
  }
  if (report.databaseBytes !== null) {
    const { before, after } = report.databaseBytes;
    lines.push([
      "database",
      `${before.toLocaleString("en")} -> ${after.toLocaleString("en")} bytes on disk`,
    ]);
  }
  if (report.notSplit.length > 0) {
    lines.push(["kept", `${report.notSplit.join(", ")}: the channel document is not stored split`]);
  }
  return keyValues(lines);
}

export async function dropLegacy(
  ctx: AppContext,
  io: CommandIO,
  options: DropLegacyOptions,
): Promise<Output> {
  const sqlite = ctx.db.$client;
  const store = new SqliteDocumentStore(ctx.db, { synchronous: "full" });
  let copies: LegacyCopy[];
  try {
    copies = listLegacyCopies(sqlite, store);
  } finally {
    await store.close();
  }
  const cutoff =
    options.olderThanDays === undefined ? null : ctx.now() - options.olderThanDays * DAY_MS;
  const going = chosen(copies, cutoff);
  const report: DropLegacyReport = {
    channels: copies.length,
    dropped: going.length,
    documents: going.reduce((sum, copy) => sum + copy.names.length, 0),
    bytes: going.reduce((sum, copy) => sum + copy.bytes, 0),
    splitRecently: copies.filter((copy) => copy.channelSplit).length - going.length,
    notSplit: copies.filter((copy) => !copy.channelSplit).map((copy) => copy.channelId),
    dryRun: options.dryRun,
    databaseBytes: null,
  };
  if (!options.dryRun) {
    const before = databaseBytes(sqlite);
    const progress = new Progress(io.stderr, "migrate --drop-legacy", "channels", going.length);
    going.forEach((copy, index) => {
      dropLegacyCopy(sqlite, copy);
      progress.update(index + 1);
    });
    compactDatabaseFile(sqlite, io);
    report.databaseBytes = { before, after: databaseBytes(sqlite) };
  }
  return { data: report, text: describe(report) };
}
