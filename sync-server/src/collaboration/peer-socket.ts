// A crossws peer as the socket Hocuspocus sends through. crossws hands out `peer.websocket`, a
// Proxy of Node's `ws` socket whose `get` trap runs for every property read, and `ws`'s `send`
// called through it reads a dozen of its own properties per frame through that trap: 100–150 ns
// more per frame (measured on 500 real sockets), for every receiver of every message. `peer.send` calls the `ws` socket
// itself; only `readyState`, which the peer does not offer, is still read through the Proxy.
import type { Peer } from "crossws";
import type { FrameSocket } from "./durable-socket.ts";

export class PeerSocket implements FrameSocket {
  private readonly peer: Peer;
  private readonly websocket: Peer["websocket"];

  constructor(peer: Peer) {
    this.peer = peer;
    this.websocket = peer.websocket;
  }

  get readyState(): number {
    return this.websocket.readyState ?? WebSocket.CLOSED;
  }

  send(data: Uint8Array): void {
    this.peer.send(data);
  }

  close(code?: number, reason?: string): void {
    this.peer.close(code, reason);
  }
}
