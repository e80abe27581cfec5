// The storage workers load better-sqlite3, a native addon, as they start. A worker thread
// terminated while it loads one takes the whole process down (Node aborts: "FATAL ERROR:
// Error::New napi_get_last_error_info"), which a store opened and closed at once (a command that
// fails early) did now and then. So each worker says it is ready once its database is open, and
// stopping one waits for that, or for its end, before terminating it.
import type { Worker } from "node:worker_threads";

/** What a storage worker posts once its database is open. */
export const WORKER_READY = "ready";

/** Resolves once `worker` is ready, or has failed or exited (then there is nothing to wait for). */
export function readinessOf(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      worker.off("message", onMessage);
      worker.off("exit", settle);
      worker.off("error", settle);
      resolve();
    };
    const onMessage = (message: unknown) => {
      if (message === WORKER_READY) settle();
    };
    worker.on("message", onMessage);
    worker.on("exit", settle);
    worker.on("error", settle);
  });
}
