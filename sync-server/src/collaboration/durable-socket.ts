// A WebSocket as Hocuspocus sees it, whose frames leave only once every update accepted before
// them is durable: `send` and `close` go through the group commit's `afterCommit`, so the
// acknowledgement of an update, its broadcast to other peers and any sync reply that contains it
// are held until its commit succeeded, and keep their order.
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
  /** Whether frames are being held back now. */
  readonly holding: boolean;
  /** Runs `action` once everything accepted so far is durable. */
  afterCommit(action: () => void): void;
}

export function durableSocket(socket: FrameSocket, gate: OutboundGate): FrameSocket {
  return {
    get readyState() {
      return socket.readyState;
    },
    send(data) {
      if (gate.holding) gate.afterCommit(() => socket.send(data));
      else socket.send(data);
    },
    close(code, reason) {
      gate.afterCommit(() => socket.close(code, reason));
    },
  };
}
