// A WebSocket as Hocuspocus sees it, whose frames leave only once every update accepted before
// them is durable: `send` goes through the group commit's `afterCommit` for the frame's document
// (every Hocuspocus frame starts with its document's address), so the acknowledgement of an
// update, its broadcast to other peers and any sync reply that contains it are held until its
// commit succeeded, and keep their order. A document whose updates cannot be stored holds only
// its own frames: the socket's other documents go on. `close` waits for the socket's held frames.
//
// The frames one commit releases leave together, once the commit's release is done (a
// microtask), with their runs of update broadcasts merged (merged-broadcasts.ts): one socket
// write for what the commit made durable, not one per update.
import { frameHeader } from "./frame-header.ts";
import { mergeBroadcasts } from "./merged-broadcasts.ts";

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
  /** Frames of this socket not sent yet: still held, or released and about to leave. */
  private unsent = 0;
  /** Frames released by a commit, sent together at the end of its release. */
  private released: Uint8Array[] = [];
  private closeWhenSent: (() => void) | null = null;

  constructor(socket: FrameSocket, gate: OutboundGate) {
    this.socket = socket;
    this.gate = gate;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(data: Uint8Array): void {
    // Released frames about to leave go first: a frame sent now must not overtake them.
    if (!this.gate.holding && this.released.length === 0) {
      this.socket.send(data);
      return;
    }
    this.unsent += 1;
    this.gate.afterCommit(frameDocument(data), () => this.release(data));
  }

  close(code?: number, reason?: string): void {
    if (this.unsent === 0) this.socket.close(code, reason);
    else this.closeWhenSent = () => this.socket.close(code, reason);
  }

  private release(frame: Uint8Array): void {
    if (this.released.push(frame) === 1) queueMicrotask(() => this.sendReleased());
  }

  private sendReleased(): void {
    const frames = this.released;
    this.released = [];
    this.unsent -= frames.length;
    try {
      for (const frame of mergeBroadcasts(frames)) this.socket.send(frame);
    } catch {
      // A frame that cannot be sent leaves the peer behind the document, silently: closing makes
      // its provider reconnect and sync what it missed. (A microtask has nobody to throw to.)
      this.socket.close(1011, "a frame could not be sent");
      return;
    }
    if (this.unsent === 0) this.closeWhenSent?.();
  }
}
