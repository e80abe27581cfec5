// A Hocuspocus frame as the server sends or receives one: its address, message type, an Auth
// sub-type when given, then a payload (for tests of what reads frames' heads).
import * as encoding from "lib0/encoding";

export function hocuspocusFrame(address: string, type: number, authType?: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, type);
  if (authType !== undefined) encoding.writeVarUint(encoder, authType);
  encoding.writeVarString(encoder, "payload");
  return encoding.toUint8Array(encoder);
}
