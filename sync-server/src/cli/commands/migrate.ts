// ovb migrate: splits the data directory's one-document channels into the split layout
// (a channel document and one document per thread), as the server does at start.
import { splitDataDirectory } from "../../split-migration/split-data-directory.ts";
import { defineCommand } from "../command.ts";
import { CliError } from "../errors.ts";
import { DATA_DIR_OPTION } from "../options.ts";
import { keyValues } from "../output.ts";
import { Progress } from "../progress.ts";
import { resolveDataDir, withDatabase } from "../workspace.ts";
import { refuseRunningServer } from "./import.ts";

export const migrateCommand = defineCommand({
  name: "migrate",
  summary: "Split every channel's history into one document per thread",
  synopsis: "[--data-dir DIR]",
  details:
    "Channels stored as one document (every thread, message and reaction of the channel in " +
    "it) become a small channel document (the thread index) and one document per thread, " +
    "which devices load when they open the thread. Each channel is split whole or not at all: " +
    "its old document is kept under a name no device can open (legacy:channel:<id>), for " +
    "recovery. Safe to stop at any moment and run again (it goes on where it stopped); a " +
    "channel already split is left alone, so a second run does nothing. The server does the " +
    "same when it starts. Stop the server first: a running one is refused. Progress goes to " +
    "stderr.",
  options: { ...DATA_DIR_OPTION },
  async run({ values, io }) {
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    refuseRunningServer(dataDir);
    return withDatabase(dataDir, "existing", async (ctx) => {
      let channels: Progress | undefined;
      let threads: Progress | undefined;
      const report = await splitDataDirectory(ctx.db, {
        now: ctx.now,
        onStep: (step) => {
          if (step.kind === "started") {
            threads = new Progress(io.stderr, `migrate ${step.channelId}`, "threads", step.threads);
          } else if (step.kind === "threads-stored") {
            threads?.update(step.threads);
          }
        },
        onChannel: ({ position, of }) => {
          channels ??= new Progress(io.stderr, "migrate", "channels", of);
          channels.update(position);
        },
      });
      if (report.failed.length > 0) {
        const failed = report.failed.map((f) => `  ${f.channelId}: ${f.error}`);
        throw new CliError(
          [
            `${report.failed.length} channels could not be split (the others were):`,
            ...failed,
          ].join("\n"),
        );
      }
      return {
        data: report,
        text: keyValues([
          ["channels", `${report.split} split, ${report.channels - report.split} already split`],
          ["threads", `${report.threads} thread documents`],
          ...(report.unplaced > 0
            ? [
                [
                  "unplaced",
                  `${report.unplaced} entries no thread holds (kept in the legacy copies)`,
                ] as [string, string],
              ]
            : []),
          ["time", `${report.ms} ms`],
        ]),
      };
    });
  },
});
