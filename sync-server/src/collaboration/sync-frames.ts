// Reads the Yjs update out of one Hocuspocus frame as a peer sends it:
// the document address, the message type, then for sync messages the y-protocols
// sync type and, for sync step 2 and update, the update (V1 encoding). The layout
// is Hocuspocus's (see its MessageReceiver), decoded here with lib0 alone.
import * as decoding from "lib0/decoding";

/** Hocuspocus's message types that carry a y-protocols sync message: Sync and SyncReply. */
const SYNC = 0;
const SYNC_MESSAGE_TYPES: ReadonlySet<number> = new Set([SYNC, 4]);
/** y-protocols' sync message types that carry an update: sync step 2 and update. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
const UPDATE_SYNC_TYPES: ReadonlySet<number> = new Set([SYNC_STEP_2, SYNC_UPDATE]);

/** A V1 update with no structs and an empty delete set. */
const EMPTY_UPDATE_BYTES = 2;

/**
 * The document update a frame would apply, or null for a frame that writes nothing
 * (awareness, sync step 1, authentication, stateless, ...). Throws on malformed bytes.
 */
export function updateInFrame(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarString(decoder);
  if (!SYNC_MESSAGE_TYPES.has(decoding.readVarUint(decoder))) return null;
  if (!UPDATE_SYNC_TYPES.has(decoding.readVarUint(decoder))) return null;
  return decoding.readVarUint8Array(decoder);
}

/**
 * Whether an update from `updateInFrame` writes anything: null does not, nor an empty update (a
 * sync step 2 with nothing new), which costs nothing.
 */
export function writesAnything(update: Uint8Array | null): update is Uint8Array {
  return update !== null && update.byteLength > EMPTY_UPDATE_BYTES;
}

/** An update as Hocuspocus broadcasts it: a Sync message of sync type update, to one address. */
export interface UpdateBroadcast {
  address: string;
  update: Uint8Array;
}

/**
 * The update a broadcast frame carries (Hocuspocus's `broadcastUpdate`: a Sync message of sync
 * type update); null for any other frame, sync replies and sync step 2 included, or malformed
 * bytes.
 */
export function updateBroadcastIn(frame: Uint8Array): UpdateBroadcast | null {
  try {
    const decoder = decoding.createDecoder(frame);
    const address = decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== SYNC) return null;
    if (decoding.readVarUint(decoder) !== SYNC_UPDATE) return null;
    const update = decoding.readVarUint8Array(decoder);
    return decoding.hasContent(decoder) ? null : { address, update };
  } catch {
    return null;
  }
}
