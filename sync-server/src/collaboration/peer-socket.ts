// A crossws peer as the socket Hocuspocus sends through. crossws hands out `peer.websocket`, a
// Proxy of Node's `ws` socket whose `get` trap runs for every property read, and `ws`'s `send`
// called through it reads a dozen of its own properties per frame through that trap: 100–150 ns
// more per frame (measured on 500 real sockets), for every receiver of every message. `peer.send`
// calls the `ws` socket itself. `readyState`, which Hocuspocus reads twice per frame and the peer
// does not offer, is read from the `ws` socket under the peer (crossws's Node adapter keeps it in
// the peer's `_internal.ws`), through the Proxy only if a crossws keeps it elsewhere.
import type { Peer } from "crossws";
import type { FrameSocket } from "./durable-socket.ts";

interface SocketState {
  readonly readyState?: number;
}

/** The `ws` socket under a crossws Node peer; null where this crossws does not keep one. */
export function socketUnder(peer: Peer): SocketState | null {
  const ws = (peer as unknown as { _internal?: { ws?: SocketState } })._internal?.ws;
  return typeof ws?.readyState === "number" ? ws : null;
}

export class PeerSocket implements FrameSocket {
  private readonly peer: Peer;
  private readonly state: SocketState;

  constructor(peer: Peer) {
    this.peer = peer;
    this.state = socketUnder(peer) ?? peer.websocket;
  }

  get readyState(): number {
    return this.state.readyState ?? WebSocket.CLOSED;
  }

  send(data: Uint8Array): void {
    this.peer.send(data);
  }

  close(code?: number, reason?: string): void {
    this.peer.close(code, reason);
  }
}
