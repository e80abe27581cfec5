// ovb backup [FILE]: an online, consistent copy of the data directory's database while the server
// runs (SQLite's backup API, not a file copy), checked with PRAGMA integrity_check.
import { join } from "node:path";
import { backupDatabase } from "../../backup/backup.ts";
import { backupDirectory, backupFileName } from "../../backup/scheduled-backups.ts";
import { defineCommand } from "../command.ts";
import { DATA_DIR_OPTION } from "../options.ts";
import { resolveDataDir, withDatabase } from "../workspace.ts";

export const backupCommand = defineCommand({
  name: "backup",
  summary: "Back up the database while the server runs, and check the copy",
  synopsis: "[FILE]",
  details:
    "Copies the data directory's database page by page through SQLite's online backup API, so " +
    "a running server keeps working and the copy is consistent; then checks it with PRAGMA " +
    "integrity_check. The database holds everything the server keeps (channels, messages, " +
    "accounts, keys, search index); the bridge key file is not copied (a new one is written " +
    "at start). Progress goes to stderr. Restore with `ovb restore FILE`.",
  args: [
    {
      name: "FILE",
      description: "where to write it (default: <data dir>/backups/openvibe-<time>.sqlite)",
      optional: true,
    },
  ],
  options: { ...DATA_DIR_OPTION },
  async run({ values, args, io }) {
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    const file = args[0] ?? join(backupDirectory(dataDir), backupFileName(new Date()));
    let lastPercent = -1;
    const report = await withDatabase(dataDir, "existing", (ctx) =>
      backupDatabase(ctx.db.$client, file, (copied, total) => {
        const percent = total === 0 ? 100 : Math.floor((copied / total) * 100);
        if (percent === lastPercent) return;
        lastPercent = percent;
        io.stderr.write(`backup: ${percent}% (${copied}/${total} pages)\n`);
      }),
    );
    return {
      data: report,
      text: `Backed up to ${report.file} (${report.bytes} bytes, ${report.pages} pages, integrity ok, ${report.ms} ms).`,
    };
  },
});
