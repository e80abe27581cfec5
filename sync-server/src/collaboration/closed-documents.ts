// The documents the server closed on one socket, and the frames that were already on their way.
// When Hocuspocus ends a document connection (a refused write, revoked access) the peer may have
// sent more frames for it before it heard; Hocuspocus queues frames for a document it holds no
// connection for and replays them into the next connection the socket opens for it, so a
// refused update would be refused again there, and a stale CLOSE would end the new connection.
// A provider always starts a document with an Auth message: until one comes, frames for a
// closed document are dropped.
import { MessageType } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";

function addressAndType(frame: Uint8Array): { address: string; type: number } | null {
  try {
    const decoder = decoding.createDecoder(frame);
    return { address: decoding.readVarString(decoder), type: decoding.readVarUint(decoder) };
  } catch {
    return null;
  }
}

export class ClosedDocuments {
  private readonly closed = new Set<string>();

  /** Notes a frame the server sends: a CLOSE marks its document closed. */
  sent(frame: unknown): void {
    if (!(frame instanceof Uint8Array)) return;
    const parsed = addressAndType(frame);
    if (parsed?.type === MessageType.CLOSE) this.closed.add(parsed.address);
  }

  /** Whether a frame the peer sent goes on to Hocuspocus (not a stale one for a closed document). */
  admits(frame: Uint8Array): boolean {
    if (this.closed.size === 0) return true;
    const parsed = addressAndType(frame);
    if (parsed === null || !this.closed.has(parsed.address)) return true;
    if (parsed.type !== MessageType.Auth) return false;
    this.closed.delete(parsed.address);
    return true;
  }
}
