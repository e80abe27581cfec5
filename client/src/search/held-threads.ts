// Keeps the browser index to the threads this device holds, so offline search covers what can
// be read offline. The threads are the offline catalogue's (offline/held-documents.ts
// `catalogued`: held, or opened and about to be held, its first size not yet saved: a row exists
// from the opening until eviction), plus those open in the page. Once, the worker is told every
// thread catalogued or open, and drops the others (evicted while no page indexed, or by an older
// version); then, each time threads leave the catalogue (evicted, in any tab), those not open
// here are forgotten. Both only remove. A thread is catalogued as its local copy loads (held or
// not yet: a thread fetched in the background and closed a moment ago may still wait for its
// size) and until it is evicted, and it stays open in the page at least until it syncs: so the
// list read, with every thread open in the page while it was being read (one opened, indexed and
// closed meanwhile is in neither the list nor what is open at the end), names every thread whose
// messages the index should keep.
import type * as Y from "yjs";
import type { Observable } from "../state/observable.ts";
import type { ToIndex } from "./worker/protocol.ts";

/** What the index needs of the offline catalogue and of the page's open documents. */
export interface HeldThreads {
  /** Thread document names catalogued on this device, in any tab (as the catalogue changes). */
  readonly names: Observable<ReadonlySet<string>>;
  /** `names` read from the catalogue now. */
  readNames(): Promise<ReadonlySet<string>>;
  /** Thread document names open in the page. */
  open(): readonly string[];
  /** Changes whenever a document opens or closes in the page. */
  readonly opened: Observable<number>;
  /** A held thread's local copy, read without opening it (held-copies.ts). */
  readCopy(documentName: string): Promise<Y.Doc>;
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
  const openWhileRead = new Set(held.open());
  const stopSeeing = held.opened.subscribe(() => {
    for (const name of held.open()) openWhileRead.add(name);
  });
  held.readNames().then(
    (names) => {
      stopSeeing();
      if (!stopped) post({ type: "threads", documentNames: [...names, ...openWhileRead] });
    },
    (error: unknown) => reportError(error),
  );
  return () => {
    stopped = true;
    stopSeeing();
    stop();
  };
}
