// Bounds what WebSockets may cost before anyone knows who opened them: how many
// sockets are open in total and per client address, and, until one of its
// documents is authenticated, how many bytes a socket may send, how many bytes
// all such sockets may have sent together, and how long it may stay. Bytes are
// counted as they arrive on the TCP socket, so a large frame still being
// received counts too (the WebSocket library holds a frame whole until its end).
// Hocuspocus's own per-connection queue limits (GHSA-xwhh-v746-pj9m) apply to
// each document after that; these limit the anonymous socket itself. Once
// authenticated, a person may hold so many documents open at once, all their
// sockets together: a document costs the server its memory even when empty (a
// thread document that does not exist is never stored, but is held while open).
import type { Duplex } from "node:stream";
import type { Extension, onAuthenticatePayload, onDisconnectPayload } from "@hocuspocus/server";
import { CONNECTION_DENIALS } from "@openvibe/schema";
import { authenticatedContext } from "./connection-context.ts";
import { ConnectionDenied } from "./connection-denied.ts";

export interface SocketLimits {
  maxSockets: number;
  maxSocketsPerAddress: number;
  unauthenticatedBytes: number;
  unauthenticatedTotalBytes: number;
  unauthenticatedTimeoutMs: number;
  /** Documents one person may hold open at once, over all their sockets. */
  maxDocumentsPerPerson: number;
}

export type Refusal = { status: 429 | 503; reason: string };

/** Why an admitted socket was cut off before it authenticated. */
export type CutOff =
  | "unauthenticated-bytes"
  | "unauthenticated-total-bytes"
  | "unauthenticated-timeout";

/** One admitted socket, from its upgrade to its close. */
export class AdmittedSocket {
  authenticated = false;
  /** Bytes received while not authenticated (counted into the total). */
  bytes = 0;
  timer: NodeJS.Timeout | null = null;
  /** Hocuspocus's id for the socket, once a document on it authenticated. */
  socketId: string | null = null;
  /** The documents authenticated on it, by name, with the person each was opened by. */
  readonly documents = new Map<string, string>();
  readonly address: string;
  readonly socket: Duplex;
  constructor(address: string, socket: Duplex) {
    this.address = address;
    this.socket = socket;
  }
}

export class SocketAdmission {
  private readonly limits: SocketLimits;
  private readonly onCutOff: (socket: AdmittedSocket, why: CutOff) => void;
  private readonly perAddress = new Map<string, number>();
  private open = 0;
  private unauthenticatedTotal = 0;
  /** Hocuspocus hands extensions the request object the endpoint gave it for a socket. */
  private readonly byRequest = new WeakMap<object, AdmittedSocket>();
  /** Its disconnect hook names only the socket's id. */
  private readonly bySocketId = new Map<string, AdmittedSocket>();
  /** Documents open per person (user id), over all their sockets. */
  private readonly openPerPerson = new Map<string, number>();

  constructor(limits: SocketLimits, onCutOff: (socket: AdmittedSocket, why: CutOff) => void) {
    this.limits = limits;
    this.onCutOff = onCutOff;
  }

  /** Before the WebSocket handshake: a refusal, or null when the socket may open. */
  refusal(address: string): Refusal | null {
    if (this.open >= this.limits.maxSockets)
      return { status: 503, reason: "the server holds as many sockets as it may" };
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxSocketsPerAddress)
      return { status: 429, reason: "too many sockets from this address" };
    return null;
  }

  /** Counts the socket from now until its TCP socket closes (a failed handshake too). */
  admit(address: string, socket: Duplex): AdmittedSocket {
    const admitted = new AdmittedSocket(address, socket);
    this.open += 1;
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    admitted.timer = setTimeout(() => {
      admitted.timer = null;
      if (!admitted.authenticated) this.cutOff(admitted, "unauthenticated-timeout");
    }, this.limits.unauthenticatedTimeoutMs);
    admitted.timer.unref();
    socket.once("close", () => this.release(admitted));
    return admitted;
  }

  /**
   * Once the WebSocket is open (its own reader attached to the TCP socket), counts what
   * arrives until the socket authenticates. `request` is what Hocuspocus will see.
   */
  watch(admitted: AdmittedSocket, request: object): void {
    this.byRequest.set(request, admitted);
    if (admitted.authenticated) return;
    const onData = (chunk: Buffer) => {
      if (admitted.authenticated) {
        admitted.socket.off("data", onData);
        return;
      }
      admitted.bytes += chunk.byteLength;
      this.unauthenticatedTotal += chunk.byteLength;
      if (admitted.bytes > this.limits.unauthenticatedBytes) {
        this.cutOff(admitted, "unauthenticated-bytes");
      } else if (this.unauthenticatedTotal > this.limits.unauthenticatedTotalBytes) {
        this.cutOff(admitted, "unauthenticated-total-bytes");
      }
    };
    admitted.socket.on("data", onData);
  }

  /** A document on the socket that sent `request` was authenticated. */
  authenticated(request: object): void {
    const admitted = this.byRequest.get(request);
    if (admitted === undefined || admitted.authenticated) return;
    admitted.authenticated = true;
    this.unauthenticatedTotal -= admitted.bytes;
    admitted.bytes = 0;
    if (admitted.timer !== null) clearTimeout(admitted.timer);
    admitted.timer = null;
  }

  /**
   * Counts a document the person behind `context` opens on the socket that sent `request`;
   * refuses it when they hold as many as they may. A document already counted there (its
   * provider authenticating again) is not counted twice.
   */
  opened(request: object, socketId: string, documentName: string, context: unknown): void {
    const admitted = this.byRequest.get(request);
    const userId = authenticatedContext(context)?.principal.user.id;
    if (admitted === undefined || userId === undefined || admitted.documents.has(documentName)) {
      return;
    }
    const open = this.openPerPerson.get(userId) ?? 0;
    if (open >= this.limits.maxDocumentsPerPerson) {
      throw new ConnectionDenied(
        CONNECTION_DENIALS.tooManyDocuments,
        `this person has ${open} documents open, as many as one may: close one first`,
      );
    }
    admitted.documents.set(documentName, userId);
    this.openPerPerson.set(userId, open + 1);
    admitted.socketId = socketId;
    this.bySocketId.set(socketId, admitted);
  }

  /** A document closed on a socket (its provider left, or the socket closed). */
  closed(socketId: string, documentName: string): void {
    const admitted = this.bySocketId.get(socketId);
    const userId = admitted?.documents.get(documentName);
    if (admitted === undefined || userId === undefined) return;
    admitted.documents.delete(documentName);
    this.countClosed(userId);
  }

  /** Open sockets, and bytes held by sockets not authenticated yet (for tests and metrics). */
  stats(): { open: number; unauthenticatedBytes: number } {
    return { open: this.open, unauthenticatedBytes: this.unauthenticatedTotal };
  }

  /**
   * The Hocuspocus extension that tells admission when a socket authenticated and which
   * documents people hold open; list it last.
   */
  extension(): Extension {
    const admission = this;
    return {
      extensionName: "openvibe-socket-admission",
      // Runs only when every earlier onAuthenticate (Authentication) let the document in.
      async onAuthenticate({
        request,
        socketId,
        documentName,
        context,
      }: onAuthenticatePayload): Promise<void> {
        admission.authenticated(request);
        admission.opened(request, socketId, documentName, context);
      },
      async onDisconnect({ socketId, documentName }: onDisconnectPayload): Promise<void> {
        admission.closed(socketId, documentName);
      },
    };
  }

  private countClosed(userId: string): void {
    decrement(this.openPerPerson, userId);
  }

  private cutOff(admitted: AdmittedSocket, why: CutOff): void {
    if (admitted.socket.destroyed) return;
    this.onCutOff(admitted, why);
    admitted.socket.destroy();
  }

  private release(admitted: AdmittedSocket): void {
    if (admitted.timer !== null) clearTimeout(admitted.timer);
    admitted.timer = null;
    if (!admitted.authenticated) this.unauthenticatedTotal -= admitted.bytes;
    admitted.bytes = 0;
    admitted.authenticated = true;
    // Documents whose close the disconnect hook never reported (one that failed to load).
    for (const userId of admitted.documents.values()) this.countClosed(userId);
    admitted.documents.clear();
    if (admitted.socketId !== null) this.bySocketId.delete(admitted.socketId);
    this.open -= 1;
    decrement(this.perAddress, admitted.address);
  }
}

/** One fewer of `key`; a count that reaches zero leaves the map. */
function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left <= 0) counts.delete(key);
  else counts.set(key, left);
}
