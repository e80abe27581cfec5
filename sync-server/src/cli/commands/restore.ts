// ovb restore FILE: puts a backup in place of the data directory's database, for a stopped
// server. The backup is checked first (integrity, not from a newer version); the database it
// replaces is kept beside it.
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import { databaseFileProblem, newerSchemaProblem } from "../../backup/backup.ts";
import { runningServer } from "../../backup/server-lock.ts";
import { databasePath } from "../../db/open-database.ts";
import { defineCommand } from "../command.ts";
import { CliError } from "../errors.ts";
import { DATA_DIR_OPTION } from "../options.ts";
import { resolveDataDir } from "../workspace.ts";

export const restoreCommand = defineCommand({
  name: "restore",
  summary: "Restore a backup into the data directory of a stopped server",
  synopsis: "FILE",
  details:
    "Stop the server first: a running one is refused. The backup must pass PRAGMA " +
    "integrity_check and must not come from a newer OpenVibe version. The current database is " +
    "kept as openvibe.sqlite.before-restore-<time>. Browsers that hold newer changes than the " +
    "backup send them again when they reconnect; nothing they still have is lost.",
  args: [{ name: "FILE", description: "a backup made by `ovb backup` (or the schedule)" }],
  options: { ...DATA_DIR_OPTION },
  run({ values, args, io }) {
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    const file = args[0] ?? "";
    if (!existsSync(file)) throw new CliError(`no backup at ${file}`);
    const pid = runningServer(dataDir);
    if (pid !== null) {
      throw new CliError(`a server (process ${pid}) is running on ${dataDir}: stop it first`);
    }
    const problem = databaseFileProblem(file) ?? newerSchemaProblem(file);
    if (problem !== null) throw new CliError(`cannot restore ${file}: ${problem}`);
    const target = databasePath(dataDir);
    const keptAs = `${target}.before-restore-${new Date().toISOString().replaceAll(":", "-")}`;
    if (existsSync(target)) renameSync(target, keptAs);
    for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
    copyFileSync(file, target);
    return {
      data: { restored: file, into: target, previous: existsSync(keptAs) ? keptAs : null },
      text: `Restored ${file} into ${target}${existsSync(keptAs) ? ` (the previous database is kept as ${keptAs})` : ""}.`,
    };
  },
});
