// The documents the server closed on one socket, and the frames that were already on their way.
// When Hocuspocus ends a document connection (a refused write, revoked access) the peer may have
// sent more frames for it before it heard; Hocuspocus queues frames for a document it holds no
// connection for and replays them into the next connection the socket opens for it, so a
// refused update would be refused again there, and a stale CLOSE would end the new connection.
// A refused Auth (permission denied: no access, an unknown document) ends a document the same
// way: a provider sends its sync and awareness frames right after its Auth, and those would
// wait in the socket's unauthenticated queue, counted against its limits, until replayed.
// A provider always starts a document with an Auth message: until one comes, frames for a
// closed document are dropped.
import { AuthMessageType } from "@hocuspocus/common";
import { MessageType } from "@hocuspocus/server";
import type { FrameSocket } from "./durable-socket.ts";
import { type FrameHeader, frameHeader } from "./frame-header.ts";

/** Whether a frame the server sends ends its document: a CLOSE, or a refused Auth. */
function ends({ type, authType }: FrameHeader): boolean {
  return type === MessageType.CLOSE || authType === AuthMessageType.PermissionDenied;
}

export class ClosedDocuments {
  private readonly closed = new Set<string>();

  /** Notes a frame the server sends: a CLOSE or a refused Auth marks its document closed. */
  sent(frame: unknown): void {
    if (!(frame instanceof Uint8Array)) return;
    const parsed = frameHeader(frame);
    if (parsed !== null && ends(parsed)) this.closed.add(parsed.address);
  }

  /** Whether a frame the peer sent goes on to Hocuspocus (not a stale one for a closed document). */
  admits(frame: Uint8Array): boolean {
    if (this.closed.size === 0) return true;
    const parsed = frameHeader(frame);
    if (parsed === null || !this.closed.has(parsed.address)) return true;
    if (parsed.type !== MessageType.Auth) return false;
    this.closed.delete(parsed.address);
    return true;
  }
}

/** A socket that notes every frame it sends in its ClosedDocuments before sending it. */
export class WatchedSocket implements FrameSocket {
  private readonly socket: FrameSocket;
  private readonly closed: ClosedDocuments;

  constructor(socket: FrameSocket, closed: ClosedDocuments) {
    this.socket = socket;
    this.closed = closed;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(data: Uint8Array): void {
    this.closed.sent(data);
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }
}
