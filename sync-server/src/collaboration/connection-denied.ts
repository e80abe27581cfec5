// The error a Hocuspocus hook throws to refuse a peer's request to open a
// document: Hocuspocus sends `reason` to the peer in its permission-denied
// message, and the provider reports it as `authenticationFailed`.
import type { ConnectionDenial } from "@openvibe/schema";

export class ConnectionDenied extends Error {
  readonly reason: ConnectionDenial;

  constructor(reason: ConnectionDenial, message: string = reason) {
    super(message);
    this.name = "ConnectionDenied";
    this.reason = reason;
  }
}
