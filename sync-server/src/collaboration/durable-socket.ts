// A WebSocket as Hocuspocus sees it, whose frames leave only once every update accepted before
// them is durable: `send` and `close` go through the group commit's `afterCommit`, so the
// acknowledgement of an update, its broadcast to other peers and any sync reply that contains it
// are held until its commit succeeded, and keep their order.
import type { Hocuspocus } from "@hocuspocus/server";

type HocuspocusSocket = Parameters<Hocuspocus["handleConnection"]>[0];

export interface OutboundGate {
  /** Whether frames are being held back now. */
  readonly holding: boolean;
  /** Runs `action` once everything accepted so far is durable. */
  afterCommit(action: () => void): void;
}

export function durableSocket(socket: HocuspocusSocket, gate: OutboundGate): HocuspocusSocket {
  return {
    get readyState() {
      return socket.readyState;
    },
    send(data: Parameters<HocuspocusSocket["send"]>[0]) {
      if (gate.holding) gate.afterCommit(() => socket.send(data));
      else socket.send(data);
    },
    close(code, reason) {
      gate.afterCommit(() => socket.close(code, reason));
    },
  };
}
