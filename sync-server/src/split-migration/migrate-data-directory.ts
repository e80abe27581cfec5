// Splits every stored one-document channel of a data directory (docs/history-split.md,
// "Migration"), one channel after another: at the server's start before it listens, and by
// `ovb migrate`. Channels already split are passed over, so a second run writes nothing. A
// channel this code cannot split (written by a newer server, or not a channel document) is
// reported and left as it is; anything else (the disk) stops the run, and the next run resumes.
import { isChannelError } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import {
  type ChannelSplitOutcome,
  type SplitStep,
  type SplitStorage,
  splitStoredChannel,
} from "./split-stored-channel.ts";
import { storedChannelIds } from "./stored-documents.ts";

/** At most this many unplaced entries are named in the log per channel. */
const UNPLACED_LOGGED = 20;
/** A channel that takes longer logs its progress this often. */
const PROGRESS_LOG_MS = 5000;

export interface SplitMigrationReport {
  /** Stored channel documents looked at. */
  channels: number;
  /** Split by this run. */
  split: number;
  threads: number;
  /** Entries left out of every thread document (kept in the legacy copies). */
  unplaced: number;
  failed: { channelId: string; error: string }[];
  ms: number;
}

export interface MigrationProgress {
  position: number;
  of: number;
  channel: ChannelSplitOutcome;
}

export interface MigrateDataDirectoryOptions {
  logger?: Logger;
  batchBytes?: number;
  /** After each channel. */
  onChannel?: (progress: MigrationProgress) => void;
  onStep?: (step: SplitStep) => void;
}

function logOutcome(logger: Logger | undefined, outcome: ChannelSplitOutcome, ms: number): void {
  if (logger === undefined || outcome.outcome !== "split") return;
  const { channelId, threads, threadsAlreadyStored, threadsSetAside, unplaced, damagedParts } =
    outcome;
  logger.info(
    { channel: channelId, threads, threadsAlreadyStored, unplaced: unplaced.length, ms },
    "channel split into thread documents",
  );
  if (threadsSetAside > 0) {
    logger.warn(
      { channel: channelId, threads: threadsSetAside },
      "thread documents stored before the split were set aside as legacy:thread:... (peers wrote them under thread ids of the one-document channel)",
    );
  }
  if (unplaced.length > 0) {
    logger.warn(
      { channel: channelId, entries: unplaced.slice(0, UNPLACED_LOGGED), of: unplaced.length },
      "entries no thread document holds (kept in the legacy copy)",
    );
  }
  if (damagedParts > 0) {
    logger.warn(
      { channel: channelId, parts: damagedParts },
      "stored parts that do not decode were left out of the split (kept in the legacy copy)",
    );
  }
}

export function migrateDataDirectory(
  storage: SplitStorage,
  options: MigrateDataDirectoryOptions = {},
): SplitMigrationReport {
  const started = Date.now();
  const channelIds = storedChannelIds(storage.sqlite);
  const report: SplitMigrationReport = {
    channels: channelIds.length,
    split: 0,
    threads: 0,
    unplaced: 0,
    failed: [],
    ms: 0,
  };
  channelIds.forEach((channelId, index) => {
    const channelStarted = Date.now();
    let loggedAt = channelStarted;
    const onStep = (step: SplitStep) => {
      if (step.kind === "threads-stored" && Date.now() - loggedAt >= PROGRESS_LOG_MS) {
        loggedAt = Date.now();
        options.logger?.info(
          { channel: channelId, threadsStored: step.threads, ms: loggedAt - channelStarted },
          "splitting a channel into thread documents",
        );
      }
      options.onStep?.(step);
    };
    let outcome: ChannelSplitOutcome;
    try {
      outcome = splitStoredChannel(storage, channelId, {
        ...(options.batchBytes === undefined ? {} : { batchBytes: options.batchBytes }),
        onStep,
      });
    } catch (error) {
      if (!isChannelError(error)) throw error;
      report.failed.push({ channelId, error: error.message });
      options.logger?.error(
        { channel: channelId, err: error },
        "channel left in the one-document layout: it cannot be split",
      );
      return;
    }
    logOutcome(options.logger, outcome, Date.now() - channelStarted);
    if (outcome.outcome === "split") {
      report.split += 1;
      report.threads += outcome.threads;
      report.unplaced += outcome.unplaced.length;
    }
    options.onChannel?.({ position: index + 1, of: channelIds.length, channel: outcome });
  });
  report.ms = Date.now() - started;
  if (report.split > 0) options.logger?.info(report, "channels split into thread documents");
  return report;
}
