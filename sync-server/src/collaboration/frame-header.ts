// The head of a Hocuspocus frame: its address (`documentName`, or `documentName\0sessionId` from
// session-aware providers), its message type and, for an Auth message, the Auth sub-type.
//
// Hocuspocus broadcasts one frame object to every connection of a document, and the server's
// outgoing layers read the head of every frame each socket sends (closed-documents.ts,
// durable-socket.ts). So the last frame read is remembered, by identity: a broadcast to a
// thousand receivers reads its head once, not two thousand times (the address is a string
// decode each). A frame is never changed once it is handed to a socket.
import { MessageType } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";

export interface FrameHeader {
  address: string;
  /** The document the frame is about: the address without a session id. */
  document: string;
  type: number;
  /** The Auth sub-type, for Auth messages; else null. */
  authType: number | null;
}

let lastFrame: Uint8Array | null = null;
let lastHeader: FrameHeader | null = null;

/** The frame's head; null when it does not start like a Hocuspocus frame. */
export function frameHeader(frame: Uint8Array): FrameHeader | null {
  if (frame === lastFrame) return lastHeader;
  const header = readHeader(frame);
  lastFrame = frame;
  lastHeader = header;
  return header;
}

function readHeader(frame: Uint8Array): FrameHeader | null {
  try {
    const decoder = decoding.createDecoder(frame);
    const address = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    const authType = type === MessageType.Auth ? decoding.readVarUint(decoder) : null;
    const end = address.indexOf("\0");
    const document = end === -1 ? address : address.slice(0, end);
    return { address, document, type, authType };
  } catch {
    return null;
  }
}
