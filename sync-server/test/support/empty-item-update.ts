// A forged Yjs update no Yjs operation makes: one item of length zero (a ContentAny holding no
// value). See src/collaboration/empty-items-guard.test.ts for what Yjs does with it.
import * as encoding from "lib0/encoding";
import type * as Y from "yjs";

/**
 * A V1 update holding one item of length zero: right of `origin` (the entry's value item), or set
 * under `root`/`key` with no origin.
 */
export function emptyItemUpdate(
  client: number,
  at: { origin: Y.ID } | { root: string; key: string },
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one client
  encoding.writeVarUint(encoder, 1); // one struct
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0); // clock
  if ("origin" in at) {
    encoding.writeUint8(encoder, 8 | 0x80); // ContentAny, with an origin (parent and key from it)
    encoding.writeVarUint(encoder, at.origin.client);
    encoding.writeVarUint(encoder, at.origin.clock);
  } else {
    encoding.writeUint8(encoder, 8 | 0x20); // ContentAny, with a parent key, no origins
    encoding.writeVarUint(encoder, 1); // the parent is a root, by name
    encoding.writeVarString(encoder, at.root);
    encoding.writeVarString(encoder, at.key);
  }
  encoding.writeVarUint(encoder, 0); // no values
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}
