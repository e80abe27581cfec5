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

/**
 * A class, not an object literal with a getter: Hocuspocus reads `readyState` and calls `send` on
 * every socket of a document for every frame, and a literal's getter is a closure of its own per
 * socket, which kept those reads from being cached for one shape (about 25 ns a send, its two
 * reads and the call, against 3.5 for a class's instances).
 */
export class DurableSocket implements FrameSocket {
  private readonly socket: FrameSocket;
  private readonly gate: OutboundGate;
  /** Frames of this socket still held back. */
  private held = 0;
  private closeWhenSent: (() => void) | null = null;

  constructor(socket: FrameSocket, gate: OutboundGate) {
    this.socket = socket;
    this.gate = gate;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(data: Uint8Array): void {
    if (!this.gate.holding) {
      this.socket.send(data);
      return;
    }
    this.held += 1;
    this.gate.afterCommit(frameDocument(data), () => {
      this.held -= 1;
      this.socket.send(data);
      if (this.held === 0) this.closeWhenSent?.();
    });
  }

  close(code?: number, reason?: string): void {
    if (this.held === 0) this.socket.close(code, reason);
    else this.closeWhenSent = () => this.socket.close(code, reason);
  }
}
