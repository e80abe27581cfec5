// A stored document read outside Hocuspocus (rebuilds of projections, tools): its snapshot and
// tail applied to a fresh Y.Doc the caller owns (and destroys). Empty when nothing is stored.
import * as Y from "yjs";
import type { DocumentStore } from "./document-store.ts";

export function loadStoredDocument(store: Pick<DocumentStore, "load">, name: string): Y.Doc {
  const doc = new Y.Doc();
  const stored = store.load(name);
  if (stored !== null) {
    if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  }
  return doc;
}
