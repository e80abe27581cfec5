// A stored document read outside Hocuspocus (migration, import, export, rebuilds of projections,
// tools): its snapshot and tail applied to a fresh Y.Doc the caller owns (and destroys). Parts
// that do not decode are left out and counted (the server sets them aside when it loads).
import * as Y from "yjs";
import type { DocumentStore } from "./document-store.ts";

export interface LoadedDocument {
  doc: Y.Doc;
  /** Stored parts that do not decode, left out (the server sets them aside when it loads). */
  damagedParts: number;
}

function decodes(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

function applied(parts: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  return doc;
}

/**
 * A stored document (snapshot plus tail) in a fresh Y.Doc, or null when none is stored. Parts are
 * checked one by one (a whole decode each: costly for a large snapshot) only when applying them
 * all fails.
 */
export function readStoredDocument(
  store: Pick<DocumentStore, "load">,
  name: string,
): LoadedDocument | null {
  const stored = store.load(name);
  if (stored === null) return null;
  const parts = stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates];
  try {
    return { doc: applied(parts), damagedParts: 0 };
  } catch {
    const intact = parts.filter(decodes);
    return { doc: applied(intact), damagedParts: parts.length - intact.length };
  }
}

/** The stored document in a fresh Y.Doc; empty when nothing is stored. */
export function loadStoredDocument(store: Pick<DocumentStore, "load">, name: string): Y.Doc {
  return readStoredDocument(store, name)?.doc ?? new Y.Doc();
}
