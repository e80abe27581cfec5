// Brings the access changes other processes (`ovb`) made into this server:
// every interval, reads the journal rows past its cursor and re-emits the
// others' changes locally, so Revocation closes the affected connections.
// The cursor starts at the journal's end: older rows are history.
import type { Logger } from "../logger.ts";
import type { AccessChangeJournal } from "./access-change-journal.ts";
import type { AccessChanges } from "./access-changes.ts";

export interface AccessChangePollerOptions {
  journal: AccessChangeJournal;
  /** This process's changes: those it emitted are skipped, the others' delivered to it. */
  changes: AccessChanges;
  intervalMs: number;
  logger: Logger;
}

export class AccessChangePoller {
  private readonly options: AccessChangePollerOptions;
  private cursor: number;
  private readonly timer: NodeJS.Timeout;

  /** Starts polling at once; `stop` ends it. */
  constructor(options: AccessChangePollerOptions) {
    this.options = options;
    this.cursor = options.journal.lastSeq();
    this.timer = setInterval(() => this.poll(), options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A failure is logged and retried on the next tick: a timer has no caller to throw to. */
  private poll(): void {
    try {
      this.deliverNewEntries();
    } catch (error) {
      this.options.logger.error({ err: error, cursor: this.cursor }, "access-change poll failed");
    }
  }

  private deliverNewEntries(): void {
    const { journal, changes, logger } = this.options;
    for (const entry of journal.after(this.cursor)) {
      // Moved first, so a change that fails to apply is not retried forever.
      this.cursor = entry.seq;
      if (entry.origin === changes.origin) continue;
      const { seq, origin } = entry;
      if ("problem" in entry) {
        logger.warn({ seq, origin, problem: entry.problem }, "malformed access change skipped");
        continue;
      }
      logger.info({ seq, origin, change: entry.change }, "access change from another process");
      changes.deliver(entry.change);
    }
  }
}
