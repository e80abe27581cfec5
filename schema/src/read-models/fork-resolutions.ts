// Forks that became resolved in a transaction (a fork resolved online, or created and resolved
// offline and synced in one update), with their resolution: what the server turns into a context
// item of the fork's thread.
import type * as Y from "yjs";
import { forksMap } from "../layout.ts";
import { decodeFork, type ForkRecord, type ForkResolution } from "../records/fork.ts";

export interface ForkResolved {
  readonly forkId: string;
  readonly threadId: string;
  readonly resolution: ForkResolution;
}

function resolvedFork(fork: ForkRecord | null): ForkResolved | null {
  if (fork === null || fork.status !== "resolved" || fork.resolution === undefined) return null;
  return { forkId: fork.id, threadId: fork.threadId, resolution: fork.resolution };
}

/**
 * Calls `listener` after every transaction that resolved forks (`origin`: the transaction's).
 * Returns the function that stops listening.
 */
export function observeForkResolutions(
  doc: Y.Doc,
  listener: (resolved: ForkResolved[], origin: unknown) => void,
): () => void {
  const forks = forksMap(doc);
  const onForks = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === forks) {
        for (const [key, change] of event.changes.keys) if (change.action === "add") ids.add(key);
      } else if (event.path.length === 1 && event.changes.keys.has("status")) {
        const id = event.path[0];
        if (typeof id === "string") ids.add(id);
      }
    }
    const resolved = [...ids]
      .map((id) => {
        const decoded = decodeFork(id, forks.get(id));
        return resolvedFork(decoded.ok ? decoded.value : null);
      })
      .filter((fork): fork is ForkResolved => fork !== null);
    if (resolved.length > 0) listener(resolved, transaction.origin);
  };
  forks.observeDeep(onForks);
  return () => forks.unobserveDeep(onForks);
}
