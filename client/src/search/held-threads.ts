// Keeps the browser index to the threads this device holds, so offline search covers exactly
// what can be read offline. "Held" is the offline catalogue's (offline/held-documents.ts
// `names`); a thread open in the page counts too (its messages are fed as they change, and it is
// catalogued once its copy is stored). Once, the worker is told every thread held or open, and
// drops the others (evicted while no page indexed, or by an older version); then, each time
// threads leave the catalogue (evicted, in any tab), those not open here are forgotten. Both
// only remove: a thread fetched meanwhile is never dropped by a list read before it.
import type { Observable } from "../state/observable.ts";
import type { ToIndex } from "./worker/protocol.ts";

/** What the index needs of the offline catalogue and of the page's open documents. */
export interface HeldThreads {
  /** Thread document names held on this device, in any tab (changes as the catalogue does). */
  readonly names: Observable<ReadonlySet<string>>;
  /** `names` read from the catalogue now. */
  heldNames(): Promise<ReadonlySet<string>>;
  /** Thread document names open in the page. */
  open(): readonly string[];
}

/** Tells the index which threads to keep, then which to forget; the function answered stops. */
export function followHeldThreads(held: HeldThreads, post: (message: ToIndex) => void): () => void {
  let previous = held.names.get();
  const stop = held.names.subscribe(() => {
    const now = held.names.get();
    const open = new Set(held.open());
    const gone = [...previous].filter((name) => !now.has(name) && !open.has(name));
    previous = now;
    if (gone.length > 0) post({ type: "forget", documentNames: gone });
  });
  let stopped = false;
  held.heldNames().then(
    (names) => {
      if (!stopped) post({ type: "threads", documentNames: [...names, ...held.open()] });
    },
    (error: unknown) => reportError(error),
  );
  return () => {
    stopped = true;
    stop();
  };
}
