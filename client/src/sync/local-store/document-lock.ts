// A Web Lock per document log: every store holds it shared while its database is open (in any
// tab), and eviction (offline/evict-documents.ts) deletes a log only under the exclusive lock,
// taken only if free. So a log is never deleted under a page that has it open, and a store
// opening while a deletion runs waits for it and then starts from an empty log. Where the
// platform has no Web Locks (old browsers), nothing is locked and eviction keeps to the logs this
// page has not open.
import { lockManager } from "../web-locks.ts";

/** Holds the shared lock on `name` until `release` resolves; resolves once it is granted. */
export function holdShared(name: string, release: Promise<unknown>): Promise<void> {
  const locks = lockManager();
  if (locks === null) return Promise.resolve();
  return new Promise((granted) => {
    locks
      .request(name, { mode: "shared" }, () => {
        granted();
        return release;
      })
      // A platform refusing the lock (a sandboxed frame) must not leave the document unreadable.
      .catch(() => granted());
  });
}

/**
 * Runs `task` under the exclusive lock on `name` if no one holds it now; resolves to false
 * without running it otherwise.
 */
export async function ifUnheld(name: string, task: () => Promise<void>): Promise<boolean> {
  const locks = lockManager();
  if (locks === null) {
    await task();
    return true;
  }
  return locks.request(name, { mode: "exclusive", ifAvailable: true }, async (lock) => {
    if (lock === null) return false;
    await task();
    return true;
  });
}
