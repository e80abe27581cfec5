// The last steps of stopping the server, which touch the disk: each runs even when one before it
// failed. On a full or read-only disk several fail (the search index cannot be written, the
// running mark cannot be removed), and the others (closing the store's worker threads and the
// database) must still happen; then the log says what was accepted but not stored.
import type { Logger } from "./logger.ts";
import type { UnstoredUpdates } from "./storage/group-commit.ts";

/** sysexits' EX_IOERR: the exit status of a stop that left accepted updates unstored. */
export const EX_IOERR = 74;

/** A stop that finished, but left accepted updates unstored. */
export class UnstoredUpdatesError extends Error {
  readonly unstored: UnstoredUpdates;

  constructor(unstored: UnstoredUpdates) {
    super(`${unstored.updates} accepted updates were not stored`);
    this.name = "UnstoredUpdatesError";
    this.unstored = unstored;
  }
}

/** Runs every step in order, whatever the others did, logging each failure. */
export async function runStopSteps(
  logger: Logger,
  steps: readonly (readonly [what: string, step: () => unknown])[],
): Promise<void> {
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      logger.error({ err: error, step: what }, `stopping: ${what} failed`);
    }
  }
}

/** The server's last log entry: stopped, and what it could not store, if anything. */
export function logStopped(logger: Logger, unstored: UnstoredUpdates): void {
  if (unstored.updates === 0) {
    logger.info("server stopped");
    return;
  }
  logger.error(
    { updates: unstored.updates, documents: unstored.documents },
    `server stopped with ${unstored.updates} accepted updates not stored (storage failed): nobody was told of them, and their senders send them again when they reconnect to a server that can store them`,
  );
}
