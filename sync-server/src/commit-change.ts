// One change of the workspace, all or nothing: its rows, its audit entry and its access-change
// journal rows are written in one transaction, and this process's connections hear of its access
// changes only once that transaction committed. A failed audit insert (a full disk, say) then
// leaves the action undone and the caller told, never done and unaudited.
import type { AppContext } from "./context.ts";

/**
 * Runs `change` in one IMMEDIATE transaction (the write lock is taken before its checks read, so
 * another process cannot change what they saw) and delivers the access changes it emitted after
 * the commit. `change` must be synchronous: do slow work (password hashing) before it.
 */
export function commitChange<T>(ctx: AppContext, change: () => T): T {
  return ctx.accessChanges.deliverAfter(() =>
    ctx.db.transaction(() => change(), { behavior: "immediate" }),
  );
}
