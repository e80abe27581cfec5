// The two wire protocols the load clients speak, encoded by hand so a thousand clients fit in
// one process: Hocuspocus 4 (every frame starts with the document name; auth, sync, sync
// status) and y-websocket (one document per socket, named by the URL path; no auth, no acks).
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export type WireProtocol = "hocuspocus" | "y-websocket";

/** The provider version a raw client announces (the one this repository installs). */
const PROVIDER_VERSION = "4.8.0";

// Hocuspocus message types (@hocuspocus/provider src/types.ts) and y-protocols sync steps.
const HP_SYNC = 0;
const HP_AWARENESS = 1;
const HP_AUTH = 2;
const HP_QUERY_AWARENESS = 3;
const HP_SYNC_REPLY = 4;
const HP_CLOSE = 7;
const HP_SYNC_STATUS = 8;
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;
const AUTH_OK = 2;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

/** What a client needs to know about one frame from the server. */
export type ServerFrame =
  | { kind: "state"; update: Uint8Array } // sync step 2: the server's answer to our step 1
  | { kind: "update"; update: Uint8Array } // a live update
  | { kind: "ack"; applied: boolean } // Hocuspocus sync status
  | { kind: "authenticated"; scope: string }
  | { kind: "denied"; reason: string }
  | { kind: "closed"; reason: string }
  | { kind: "other" };

function frame(protocol: WireProtocol, document: string, write: (e: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder();
  if (protocol === "hocuspocus") encoding.writeVarString(encoder, document);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Hocuspocus only: the token message that opens a document. */
export function authFrame(document: string, token: string): Uint8Array {
  return frame("hocuspocus", document, (e) => {
    encoding.writeVarUint(e, HP_AUTH);
    encoding.writeVarUint(e, AUTH_TOKEN);
    encoding.writeVarString(e, token);
    encoding.writeVarString(e, PROVIDER_VERSION);
  });
}

/** Sync step 1: "here is my state vector, send me what I miss". */
export function syncStep1Frame(
  protocol: WireProtocol,
  document: string,
  stateVector: Uint8Array,
): Uint8Array {
  return frame(protocol, document, (e) => {
    encoding.writeVarUint(e, HP_SYNC); // 0 in both protocols
    encoding.writeVarUint(e, STEP1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** A document update, as a provider sends a local change. */
export function updateFrame(protocol: WireProtocol, document: string, update: Uint8Array) {
  return frame(protocol, document, (e) => {
    encoding.writeVarUint(e, HP_SYNC);
    encoding.writeVarUint(e, UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

/** A query for the document's awareness states: the cheapest message that keeps a socket alive. */
export function keepAliveFrame(protocol: WireProtocol, document: string): Uint8Array {
  return frame(protocol, document, (e) => encoding.writeVarUint(e, HP_QUERY_AWARENESS));
}

/** Decodes one frame from the server. */
export function readServerFrame(protocol: WireProtocol, data: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(data);
  if (protocol === "hocuspocus") decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case HP_SYNC:
    case HP_SYNC_REPLY: {
      const step = decoding.readVarUint(decoder);
      if (step === STEP2) return { kind: "state", update: decoding.readVarUint8Array(decoder) };
      if (step === UPDATE) return { kind: "update", update: decoding.readVarUint8Array(decoder) };
      return { kind: "other" };
    }
    case HP_AWARENESS:
      return { kind: "other" };
    case HP_AUTH: {
      if (protocol !== "hocuspocus") return { kind: "other" };
      const authType = decoding.readVarUint(decoder);
      if (authType === AUTH_OK)
        return { kind: "authenticated", scope: decoding.readVarString(decoder) };
      if (authType === AUTH_DENIED)
        return { kind: "denied", reason: decoding.readVarString(decoder) };
      return { kind: "other" };
    }
    case HP_CLOSE:
      return protocol === "hocuspocus"
        ? { kind: "closed", reason: decoding.readVarString(decoder) }
        : { kind: "other" };
    case HP_SYNC_STATUS:
      return protocol === "hocuspocus"
        ? { kind: "ack", applied: decoding.readVarInt(decoder) === 1 }
        : { kind: "other" };
    default:
      return { kind: "other" };
  }
}

/**
 * The first struct group's client and clock of a v1 update, without decoding its structs:
 * enough to recognise an update a writer sent, unchanged, on the cheap path.
 */
export function firstStructGroup(
  update: Uint8Array,
): { groups: number; client: number; clock: number } | null {
  const decoder = decoding.createDecoder(update);
  const groups = decoding.readVarUint(decoder);
  if (groups === 0) return null;
  decoding.readVarUint(decoder); // number of structs
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  return { groups, client, clock };
}
