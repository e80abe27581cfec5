// ovb migrate: splits the data directory's one-document channels into the split layout
// (a channel document and one document per thread), as the server does at start; with
// --drop-legacy, removes the old documents the split kept (./migrate-drop-legacy.ts).
import { splitDataDirectory } from "../../split-migration/split-data-directory.ts";
import { defineCommand } from "../command.ts";
import { CliError, UsageError } from "../errors.ts";
import { DATA_DIR_OPTION } from "../options.ts";
import { keyValues } from "../output.ts";
import { Progress } from "../progress.ts";
import { wholeNumber } from "../whole-number.ts";
import { resolveDataDir, withDatabase } from "../workspace.ts";
import { refuseRunningServer } from "./import.ts";
import { dropLegacy } from "./migrate-drop-legacy.ts";

/** --older-than's largest value: about a hundred years. */
const MAX_DAYS = 36_500;

export const migrateCommand = defineCommand({
  name: "migrate",
  summary: "Split every channel's history into one document per thread",
  synopsis: "[--drop-legacy [--older-than DAYS] [--dry-run]] [--data-dir DIR]",
  details:
    "Channels stored as one document (every thread, message and reaction of the channel in " +
    "it) become a small channel document (the thread index) and one document per thread, " +
    "which devices load when they open the thread. Each channel is split whole or not at all: " +
    "its old document is kept under a name no device can open (legacy:channel:<id>), for " +
    "recovery. Safe to stop at any moment and run again (it goes on where it stopped); a " +
    "channel already split is left alone, so a second run does nothing. The server does the " +
    "same when it starts. Stop the server first: a running one is refused. Progress goes to " +
    "stderr. " +
    "--drop-legacy splits nothing: it removes the legacy copies (legacy:channel:<id>, and " +
    "legacy:thread:... set aside by the split) of channels stored split, which take about the " +
    "old size on disk again, and compacts the database file to give the space back. Nothing " +
    "reads them; they alone hold what the split left out (entries no thread could hold, parts " +
    "that did not decode, thread documents a peer wrote before the split: the split logged " +
    "each), so take a backup first (ovb backup). --older-than DAYS keeps those of channels " +
    "split more recently; --dry-run says what would go and the bytes it frees.",
  options: {
    ...DATA_DIR_OPTION,
    "drop-legacy": {
      type: "boolean",
      description: "remove the old documents the split kept, instead of splitting",
    },
    "older-than": {
      type: "string",
      value: "DAYS",
      description: "with --drop-legacy: only of channels split more than DAYS days ago",
    },
    "dry-run": {
      type: "boolean",
      description:
        "with --drop-legacy: say what would be removed and the bytes freed; remove nothing",
    },
  },
  async run({ values, io }) {
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    const olderThan = values["older-than"];
    if (!values["drop-legacy"] && (olderThan !== undefined || values["dry-run"])) {
      throw new UsageError("--older-than and --dry-run go with --drop-legacy");
    }
    const olderThanDays =
      olderThan === undefined ? undefined : wholeNumber("older-than", olderThan, 0, MAX_DAYS);
    refuseRunningServer(dataDir);
    if (values["drop-legacy"]) {
      return withDatabase(dataDir, "existing", (ctx) =>
        dropLegacy(ctx, io, { olderThanDays, dryRun: values["dry-run"] }),
      );
    }
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
