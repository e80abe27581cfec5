// The page's Web Locks (shared by every tab of this origin, released when a page closes or
// crashes), or null where the platform has none (old browsers).

export function lockManager(): LockManager | null {
  return typeof navigator !== "undefined" && navigator.locks !== undefined ? navigator.locks : null;
}

/** Tasks waiting on a name in this page, where there are no Web Locks to wait on. */
const pageQueues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` holding the exclusive lock on `name`, after whoever holds it now (any tab); the
 * lock goes with a page that stops mid-task. Without Web Locks, only this page's tasks queue.
 */
export function exclusively<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = lockManager();
  if (locks !== null) return locks.request(name, { mode: "exclusive" }, task);
  const run = (pageQueues.get(name) ?? Promise.resolve()).then(task);
  const settled = run.catch(() => undefined);
  pageQueues.set(name, settled);
  void settled.then(() => {
    if (pageQueues.get(name) === settled) pageQueues.delete(name);
  });
  return run;
}
