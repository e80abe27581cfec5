// ovb import FILE: an OpenVibe JSON export into a data directory not set up yet (a new
// workspace), all or nothing; with --files DIR, then the files whose bytes `ovb export --files`
// copied.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExportFile } from "@openvibe/schema";
import { runningServer } from "../../backup/server-lock.ts";
import type { AppContext } from "../../context.ts";
import type { BlobStore } from "../../files/blob-store.ts";
import { applyImport, type ImportReport } from "../../portability/apply-import.ts";
import { bytesOfFilesIn } from "../../portability/files-directory.ts";
import { ImportError } from "../../portability/import-error.ts";
import {
  type ImportedFiles,
  importFiles,
  StoreFilesError,
} from "../../portability/import-files.ts";
import { parseExportFile, planJsonImport } from "../../portability/json-import.ts";
import type { DocumentStore } from "../../storage/document-store.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { isSetUp } from "../../workspace/workspace.ts";
import { withBlobStore } from "../blob-store.ts";
import { type CommandIO, defineCommand } from "../command.ts";
import { CliError, UsageError } from "../errors.ts";
import { DATA_DIR_OPTION } from "../options.ts";
import { resolveDataDir, withDatabase } from "../workspace.ts";

const PROGRESS_EVERY_MS = 1000;

export const DISK_BUDGET_OPTION = {
  "disk-budget": {
    type: "string",
    value: "BYTES",
    description:
      "refuse an import needing more disk than this (default: the free space of the data directory's disk)",
  },
} as const;

export function parseDiskBudget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--disk-budget: ${value} is not a number of bytes`);
  return Number(value);
}

/** Refuses a data directory a server is running on: the import writes documents it may hold. */
export function refuseRunningServer(dataDir: string): void {
  const pid = runningServer(dataDir);
  if (pid !== null) {
    throw new CliError(`a server (process ${pid}) is running on ${dataDir}: stop it first`);
  }
}

/** Reads the whole file, refusing what is not a readable file. */
export function readInput(file: string): Buffer {
  try {
    if (!statSync(file).isFile()) throw new CliError(`${file} is not a file`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : error}`);
  }
}

export function importFailure(file: string, error: unknown): never {
  if (error instanceof ImportError) {
    throw new CliError(`cannot import ${file}: ${error.message}; the workspace is unchanged`);
  }
  throw error;
}

/** --files DIR, which must be a directory (a mistyped one would bring no file). */
function filesDirectory(dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  try {
    if (statSync(dir).isDirectory()) return dir;
  } catch {
    // Said below.
  }
  throw new CliError(`--files: ${dir} is not a directory`);
}

/** The export's files from `dir` into `blobs`, progress on stderr. */
async function importFilesFrom(
  dir: string,
  session: { ctx: AppContext; documents: DocumentStore; blobs: BlobStore; io: CommandIO },
  file: ExportFile,
): Promise<ImportedFiles> {
  const { ctx, documents, blobs, io } = session;
  const scratchDir = mkdtempSync(join(tmpdir(), "openvibe-import-"));
  let shownMs = 0;
  try {
    return await importFiles({ ctx, blobs, documents, scratchDir }, file, dir, ({ done, of }) => {
      const now = Date.now();
      if (done < of && now - shownMs < PROGRESS_EVERY_MS) return;
      shownMs = now;
      io.stderr.write(`import: files ${done}/${of}\n`);
    });
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

/** Asks the blob store something before anything is imported: an unreachable one fails here. */
async function checkReachable(blobs: BlobStore): Promise<void> {
  try {
    await blobs.has("0".repeat(64));
  } catch (error) {
    throw new CliError(
      `the file store is not reachable (${error instanceof Error ? error.message : String(error)}); nothing was imported`,
    );
  }
}

function describeImportedFiles(files: ImportedFiles & { dir: string }): string {
  const lines = [`Stored ${files.files} files (${files.bytes} bytes) from ${files.dir}.`];
  if (files.missing > 0) {
    lines.push(
      `${files.missing} files had no bytes in ${files.dir}: they show as no longer available.`,
    );
  }
  if (files.refused.length > 0) {
    lines.push(
      `${files.refused.length} files were refused (not stored; they show as no longer available):`,
      ...files.refused.map((r) => `  ${r.sha256}  ${r.name}: ${r.reason}`),
    );
  }
  return lines.join("\n");
}

function describeImport(report: ImportReport, dataDir: string): string {
  return (
    `Imported ${report.channels} channels, ${report.users} people and agents, ` +
    `${report.threads} threads and ${report.messages} messages into ${dataDir}.`
  );
}

export const importCommand = defineCommand({
  name: "import",
  summary: "Import an OpenVibe JSON export into a new workspace (a data directory not set up)",
  synopsis: "FILE [--files DIR] [--disk-budget BYTES]",
  details:
    "Creates the workspace of the export with its people, agents, channels, members and " +
    "conversations, keeping their ids, in one transaction: a file that is not a complete, " +
    "consistent export of a version this OpenVibe reads changes nothing. The data directory " +
    "must not be set up yet (run it before `ovb setup`), and no server may run on it. People " +
    "have no password afterwards: set one with `ovb reset-password`, or send each person an " +
    "invite that claims their account (`ovb invite-placeholders`). The export names its files " +
    "without their bytes: --files DIR (made by `ovb export --files DIR`) brings each file " +
    "whose bytes are in DIR, after the import's transaction: checked against its SHA-256 " +
    "(bytes that do not match are refused and listed), put into the blob store this " +
    "server's configuration names (run it with the server's environment), with its " +
    "thumbnail, downloadable by whoever can read its message. Files without bytes (or " +
    "without --files) show as no longer available.",
  args: [{ name: "FILE", description: "a JSON export made by `ovb export` or the admin page" }],
  options: {
    files: {
      type: "string",
      value: "DIR",
      description: "the files directory `ovb export --files` wrote: bring the files' bytes too",
    },
    ...DISK_BUDGET_OPTION,
    ...DATA_DIR_OPTION,
  },
  async run({ values, args, io }) {
    const file = args[0] ?? "";
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    const maxBytes = parseDiskBudget(values["disk-budget"]);
    const filesDir = filesDirectory(values.files);
    refuseRunningServer(dataDir);
    const text = readInput(file).toString("utf8");
    let parsed: ReturnType<typeof parseExportFile>;
    try {
      parsed = parseExportFile(text);
    } catch (error) {
      importFailure(file, error);
    }
    io.stderr.write(`import: ${file} is a valid export of ${parsed.channels.length} channels\n`);
    const importInto = (files?: { dir: string; blobs: BlobStore; onDataDisk: boolean }) =>
      withDatabase(dataDir, "new", async (ctx) => {
        if (isSetUp(ctx)) {
          throw new CliError(
            `the workspace in ${dataDir} is already set up; import into a new data directory (--data-dir)`,
          );
        }
        const store = new SqliteDocumentStore(ctx.db, { synchronous: "full" });
        try {
          let report: ImportReport;
          try {
            report = applyImport(ctx, store, planJsonImport(parsed, ctx.now()), {
              dataDir,
              ...(maxBytes === undefined ? {} : { maxBytes }),
              ...(files?.onDataDisk === true
                ? { fileBytes: bytesOfFilesIn(files.dir, parsed) }
                : {}),
            });
          } catch (error) {
            importFailure(file, error);
          }
          let stored: (ImportedFiles & { dir: string }) | undefined;
          if (files !== undefined) {
            try {
              const session = { ctx, documents: store, blobs: files.blobs, io };
              stored = { dir: files.dir, ...(await importFilesFrom(files.dir, session, parsed)) };
            } catch (error) {
              if (!(error instanceof StoreFilesError)) throw error;
              throw new CliError(
                `${describeImport(report, dataDir)} Then ${error.message}. The files stored ` +
                  "are available; the others show as no longer available.",
              );
            }
          }
          return {
            data: { ...report, ...(stored === undefined ? {} : { files: stored }) },
            text: [
              describeImport(report, dataDir),
              ...(stored === undefined ? [] : [describeImportedFiles(stored)]),
              'People have no password yet: "ovb reset-password --email EMAIL" sets one, ' +
                '"ovb invite-placeholders" makes links for them to claim their accounts.',
            ].join("\n"),
          };
        } finally {
          await store.close();
        }
      });
    if (filesDir === undefined) return importInto();
    return withBlobStore(dataDir, io.env, async (blobs, { onDataDisk }) => {
      await checkReachable(blobs);
      return importInto({ dir: filesDir, blobs, onDataDisk });
    });
  },
});
