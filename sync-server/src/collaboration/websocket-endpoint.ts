// Routes the HTTP server's WebSocket upgrades to Hocuspocus through crossws,
// so the HTTP API and the document sync share one port.
import type { Server as HttpServer } from "node:http";
import type { Hocuspocus } from "@hocuspocus/server";
import crossws from "crossws/adapters/node";
import type { Logger } from "../logger.ts";
import { durableSocket, type OutboundGate } from "./durable-socket.ts";

type ClientConnection = ReturnType<Hocuspocus["handleConnection"]>;
type HocuspocusSocket = Parameters<Hocuspocus["handleConnection"]>[0];

export interface WebSocketEndpoint {
  /** Closes every open socket. */
  closeAll(): void;
}

export function attachWebSocketEndpoint(
  httpServer: HttpServer,
  hocuspocus: Hocuspocus,
  options: {
    maxMessageBytes: number;
    logger: Logger;
    /** Holds every outgoing frame until the updates accepted before it are durable. */
    gate: OutboundGate;
  },
): WebSocketEndpoint {
  const connections = new WeakMap<object, ClientConnection>();
  const ws = crossws({
    serverOptions: { maxPayload: options.maxMessageBytes },
    hooks: {
      open(peer) {
        const connection = hocuspocus.handleConnection(
          durableSocket(peer.websocket as HocuspocusSocket, options.gate),
          peer.request as Request,
        );
        connections.set(peer, connection);
      },
      message(peer, message) {
        connections.get(peer)?.handleMessage(message.uint8Array());
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
  httpServer.on("upgrade", (request, socket, head) => {
    ws.handleUpgrade(request, socket, head).catch((error: unknown) => {
      options.logger.warn({ err: error }, "websocket upgrade failed");
      socket.destroy();
    });
  });
  return { closeAll: () => ws.closeAll(1001, "server shutting down") };
}
