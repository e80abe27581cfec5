// A 32-bit fingerprint of a document's content state (which items it holds and which are
// deleted), independent of how its updates were merged or encoded: the same content always
// gives the same number. Used to pick the Yjs client ids a split writes under.
import * as Y from "yjs";

/** FNV-1a, 32 bits: tiny, and enough to tell inputs apart (not a security boundary). */
export function fnv1a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function contentFingerprint(doc: Y.Doc): number {
  return fnv1a(Y.encodeSnapshot(Y.snapshot(doc)));
}

/** A client id for writing document `name` from input `fingerprint`, the same every time. */
export function derivedClientId(name: string, fingerprint: number): number {
  return fnv1a(new TextEncoder().encode(name), fingerprint);
}
