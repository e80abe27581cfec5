// Backups on a schedule while the server runs: one into `<data dir>/backups/` every `everyMs`,
// keeping the `keep` newest (older ones are deleted after a new one passed its check).
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import type { Logger } from "../logger.ts";
import { type BackupReport, backupDatabase } from "./backup.ts";

const PREFIX = "openvibe-";
const SUFFIX = ".sqlite";

export function backupDirectory(dataDir: string): string {
  return join(dataDir, "backups");
}

/** A backup's file name, sortable by time: openvibe-2026-12-04T19-35-19-123Z.sqlite. */
export function backupFileName(at: Date): string {
  return `${PREFIX}${at.toISOString().replaceAll(":", "-").replace(".", "-")}${SUFFIX}`;
}

export interface ScheduledBackupsOptions {
  source: Database.Database;
  dataDir: string;
  everyMs: number;
  keep: number;
  logger: Logger;
}

export class ScheduledBackups {
  private readonly options: ScheduledBackupsOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupReport | null> = Promise.resolve(null);

  constructor(options: ScheduledBackupsOptions) {
    this.options = options;
  }

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.options.everyMs);
    this.timer.unref();
  }

  /** Stops the schedule; resolves once a backup under way has finished. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  runOnce(): Promise<BackupReport | null> {
    this.running = this.running.then(() => this.backUp());
    return this.running;
  }

  private async backUp(): Promise<BackupReport | null> {
    const { source, dataDir, keep, logger } = this.options;
    const directory = backupDirectory(dataDir);
    try {
      const report = await backupDatabase(source, join(directory, backupFileName(new Date())));
      const old = readdirSync(directory)
        .filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX))
        .sort()
        .slice(0, -keep);
      for (const name of old) rmSync(join(directory, name), { force: true });
      logger.info({ ...report, deleted: old.length }, "backup written");
      return report;
    } catch (error) {
      logger.error({ err: error }, "scheduled backup failed");
      return null;
    }
  }
}
