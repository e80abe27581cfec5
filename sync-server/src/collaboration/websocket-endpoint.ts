// Routes the HTTP server's WebSocket upgrades to Hocuspocus through crossws,
// so the HTTP API and the document sync share one port. Every upgrade first
// passes socket admission (caps per address and in total; bytes and time until
// the socket authenticates a document).
import type { Server as HttpServer, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Hocuspocus } from "@hocuspocus/server";
import crossws from "crossws/adapters/node";
import type { ClientAddresses } from "../http/client-address.ts";
import type { Logger } from "../logger.ts";
import { ClosedDocuments, WatchedSocket } from "./closed-documents.ts";
import { DurableSocket, type OutboundGate } from "./durable-socket.ts";
import { PeerSocket } from "./peer-socket.ts";
import type { AdmittedSocket, Refusal, SocketAdmission } from "./socket-admission.ts";

type ClientConnection = ReturnType<Hocuspocus["handleConnection"]>;

export interface WebSocketEndpoint {
  /** Closes every open socket. */
  closeAll(): void;
}

/** Logs a kind of event at most once per interval, with how many were not logged. */
function sampledWarn(logger: Logger, intervalMs = 10_000) {
  const last = new Map<string, { at: number; skipped: number }>();
  return (kind: string, fields: Record<string, unknown>, message: string) => {
    const now = Date.now();
    const seen = last.get(kind);
    if (seen !== undefined && now - seen.at < intervalMs) {
      seen.skipped += 1;
      return;
    }
    logger.warn({ ...fields, kind, notLoggedSinceLast: seen?.skipped ?? 0 }, message);
    last.set(kind, { at: now, skipped: 0 });
  };
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = JSON.stringify({
    error: {
      code: refusal.status === 429 ? "rate_limited" : "unavailable",
      message: refusal.reason,
    },
  });
  const text = refusal.status === 429 ? "Too Many Requests" : "Service Unavailable";
  socket.end(
    `HTTP/1.1 ${refusal.status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

export function attachWebSocketEndpoint(
  httpServer: HttpServer,
  hocuspocus: Hocuspocus,
  options: {
    maxMessageBytes: number;
    logger: Logger;
    /** Holds every outgoing frame until the updates accepted before it are durable. */
    gate: OutboundGate;
    admission: SocketAdmission;
    addresses: ClientAddresses;
  },
): WebSocketEndpoint {
  const connections = new WeakMap<object, ClientConnection>();
  const closedDocuments = new WeakMap<object, ClosedDocuments>();
  const admittedBy = new WeakMap<object, AdmittedSocket>();
  const warn = sampledWarn(options.logger);
  const ws = crossws({
    serverOptions: { maxPayload: options.maxMessageBytes },
    hooks: {
      open(peer) {
        const admitted = admittedBy.get(peer.context);
        if (admitted !== undefined) options.admission.watch(admitted, peer.request);
        const closed = new ClosedDocuments();
        closedDocuments.set(peer, closed);
        // Classes, one shape for every socket: Hocuspocus reads these for every receiver of
        // every frame (see DurableSocket).
        const socket = new WatchedSocket(
          new DurableSocket(new PeerSocket(peer), options.gate),
          closed,
        );
        const connection = hocuspocus.handleConnection(socket, peer.request as Request);
        connections.set(peer, connection);
      },
      message(peer, message) {
        const frame = message.uint8Array();
        if (closedDocuments.get(peer)?.admits(frame) === false) return;
        connections.get(peer)?.handleMessage(frame);
      },
      close(peer, event) {
        connections
          .get(peer)
          ?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? "" });
        connections.delete(peer);
      },
      error(peer, error) {
        options.logger.warn({ peer: peer.id, err: error }, "websocket error");
      },
    },
  });
  httpServer.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const address = options.addresses.of(
      request.socket.remoteAddress,
      request.headers["x-forwarded-for"]?.toString(),
    );
    const refusal = options.admission.refusal(address);
    if (refusal !== null) {
      warn(refusal.reason, { address }, "websocket refused");
      refuseUpgrade(socket, refusal);
      return;
    }
    const admitted = options.admission.admit(address, socket);
    // crossws makes the upgrade request's `context` the peer's context, which is how the
    // open hook finds this socket's admission again.
    const context: Record<string, unknown> = {};
    admittedBy.set(context, admitted);
    const webRequest = Object.assign(new Request("http://localhost/"), { context });
    ws.handleUpgrade(request, socket, head, webRequest).catch((error: unknown) => {
      options.logger.warn({ err: error }, "websocket upgrade failed");
      socket.destroy();
    });
  });
  return { closeAll: () => ws.closeAll(1001, "server shutting down") };
}
