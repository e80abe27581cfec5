// ovb import FILE: an OpenVibe JSON export into a data directory not set up yet (a new
// workspace), all or nothing.
import { readFileSync, statSync } from "node:fs";
import { runningServer } from "../../backup/server-lock.ts";
import { applyImport } from "../../portability/apply-import.ts";
import { ImportError } from "../../portability/import-error.ts";
import { parseExportFile, planJsonImport } from "../../portability/json-import.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { isSetUp } from "../../workspace/workspace.ts";
import { defineCommand } from "../command.ts";
import { CliError, UsageError } from "../errors.ts";
import { DATA_DIR_OPTION } from "../options.ts";
import { resolveDataDir, withDatabase } from "../workspace.ts";

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

export const importCommand = defineCommand({
  name: "import",
  summary: "Import an OpenVibe JSON export into a new workspace (a data directory not set up)",
  synopsis: "FILE [--disk-budget BYTES]",
  details:
    "Creates the workspace of the export with its people, agents, channels, members and " +
    "conversations, keeping their ids, in one transaction: a file that is not a complete, " +
    "consistent export of a version this OpenVibe reads changes nothing. The data directory " +
    "must not be set up yet (run it before `ovb setup`), and no server may run on it. People " +
    "have no password afterwards: set one with `ovb reset-password`, or send each person an " +
    "invite that claims their account (`ovb invite-placeholders`).",
  args: [{ name: "FILE", description: "a JSON export made by `ovb export` or the admin page" }],
  options: { ...DISK_BUDGET_OPTION, ...DATA_DIR_OPTION },
  async run({ values, args, io }) {
    const file = args[0] ?? "";
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    const maxBytes = parseDiskBudget(values["disk-budget"]);
    refuseRunningServer(dataDir);
    const text = readInput(file).toString("utf8");
    let parsed: ReturnType<typeof parseExportFile>;
    try {
      parsed = parseExportFile(text);
    } catch (error) {
      importFailure(file, error);
    }
    io.stderr.write(`import: ${file} is a valid export of ${parsed.channels.length} channels\n`);
    return withDatabase(dataDir, "new", async (ctx) => {
      if (isSetUp(ctx)) {
        throw new CliError(
          `the workspace in ${dataDir} is already set up; import into a new data directory (--data-dir)`,
        );
      }
      const store = new SqliteDocumentStore(ctx.db, { synchronous: "full" });
      try {
        const report = applyImport(ctx, store, planJsonImport(parsed, ctx.now()), {
          dataDir,
          ...(maxBytes === undefined ? {} : { maxBytes }),
        });
        return {
          data: report,
          text:
            `Imported ${report.channels} channels, ${report.users} people and agents, ` +
            `${report.threads} threads and ${report.messages} messages into ${dataDir}.\n` +
            'People have no password yet: "ovb reset-password --email EMAIL" sets one, ' +
            '"ovb invite-placeholders" makes links for them to claim their accounts.',
        };
      } catch (error) {
        importFailure(file, error);
      } finally {
        await store.close();
      }
    });
  },
});
