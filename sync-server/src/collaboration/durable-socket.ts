// A WebSocket as Hocuspocus sees it, whose frames leave only once every update accepted before
// them is durable: `send` goes through the group commit's `afterCommit` for the frame's document
// (every Hocuspocus frame starts with its document's address), so the acknowledgement of an
// update, its broadcast to other peers and any sync reply that contains it are held until its
// commit succeeded, and keep their order. A document whose updates cannot be stored holds only
// its own frames: the socket's other documents go on. `close` waits for the socket's held frames.
import { frameHeader } from "./frame-header.ts";

/**
 * What Hocuspocus needs of a socket (a structural part of its WebSocketLike: it only ever sends
 * bytes), named once so it typechecks the same with the DOM's WebSocket types (the client's test
 * build) and Node's.
 */
export interface FrameSocket {
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export interface OutboundGate {
  /** Whether any document's frames may be held back now. */
  readonly holding: boolean;
  /** Runs `action` once everything accepted so far for `document` is durable. */
  afterCommit(document: string, action: () => void): void;
}

/** The document a frame is about (every Hocuspocus frame starts with its address). */
function frameDocument(frame: Uint8Array): string {
  const header = frameHeader(frame);
  if (header === null) throw new Error("a frame to send does not start with a document address");
  return header.document;
}

export function durableSocket(socket: FrameSocket, gate: OutboundGate): FrameSocket {
  /** Frames of this socket still held back. */
  let held = 0;
  let closeWhenSent: (() => void) | null = null;
  return {
    get readyState() {
      return socket.readyState;
    },
    send(data) {
      if (!gate.holding) {
        socket.send(data);
        return;
      }
      held += 1;
      gate.afterCommit(frameDocument(data), () => {
        held -= 1;
        socket.send(data);
        if (held === 0) closeWhenSent?.();
      });
    },
    close(code, reason) {
      if (held === 0) socket.close(code, reason);
      else closeWhenSent = () => socket.close(code, reason);
    },
  };
}
