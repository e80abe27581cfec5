// Waiting for SQLite's write lock on the event loop. SQLite waits for a lock another connection
// holds by sleeping the calling thread, up to the connection's busy timeout: on the server's
// main connection that thread is the event loop, so every peer and request waits too.

/**
 * The main connection's busy timeout once the server serves (ms). Long enough for the append
 * worker's batches and a compaction's swap; short enough that a lock another process holds (an
 * operator's sqlite3 shell, a backup tool) stalls the server a second per write that meets it,
 * answered 503, instead of ten.
 */
export const SERVING_BUSY_TIMEOUT_MS = 1_000;

/** SQLite refused a lock another connection holds (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}
