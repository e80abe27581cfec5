// A TCP link between one bridge and the server that a test can cut and heal:
// a network partition for that bridge alone, while the server and everyone
// else carry on. HTTP requests and WebSocket connections can be cut and
// healed apart: a connection is a WebSocket one from the request that
// upgrades it (Node's WebSocket may send that on a kept-alive HTTP
// connection). It can also stall: its connections stay open but carry
// nothing either way, a partition neither end has noticed yet (what is sent
// meanwhile is lost). Closed when the test finishes.
import { EventEmitter, once } from "node:events";
import { type AddressInfo, createConnection, createServer, type Socket } from "node:net";
import { onTestFinished } from "vitest";

export type LinkKind = "http" | "websocket";
const BOTH: readonly LinkKind[] = ["http", "websocket"];

export interface CuttableLink {
  /** The server's URL as seen through the link (http://127.0.0.1:<link port>). */
  url: string;
  /** Drops the connections of these kinds (both by default) and refuses new ones until healed. */
  cut(kinds?: readonly LinkKind[]): void;
  /** Open connections of these kinds (both by default) carry nothing from now on, either way. */
  stall(kinds?: readonly LinkKind[]): void;
  heal(kinds?: readonly LinkKind[]): void;
  /** "refused" (with the kind) whenever a connection is turned away while its kind is cut. */
  readonly events: EventEmitter<{ refused: [kind: LinkKind] }>;
}

const upgradesToWebSocket = (chunk: Buffer): boolean =>
  /\r\nupgrade:\s*websocket/i.test(chunk.toString("latin1"));

interface Connection {
  kind: LinkKind;
  readonly sockets: Socket[];
}

export async function cuttableLink(targetPort: number): Promise<CuttableLink> {
  const blocked = new Set<LinkKind>();
  const stalled = new Set<LinkKind>();
  const open = new Set<Connection>();
  const events = new EventEmitter<{ refused: [kind: LinkKind] }>();
  const refuse = (connection: Connection) => {
    for (const socket of connection.sockets) socket.destroy();
    events.emit("refused", connection.kind);
  };
  const server = createServer((incoming) => {
    incoming.on("error", () => incoming.destroy());
    incoming.once("data", (first: Buffer) => {
      const connection: Connection = {
        kind: upgradesToWebSocket(first) ? "websocket" : "http",
        sockets: [incoming],
      };
      if (blocked.has(connection.kind)) {
        refuse(connection);
        return;
      }
      const outgoing = createConnection({ host: "127.0.0.1", port: targetPort });
      connection.sockets.push(outgoing);
      open.add(connection);
      outgoing.write(first);
      incoming.on("data", (chunk: Buffer) => {
        if (connection.kind === "http" && upgradesToWebSocket(chunk)) {
          connection.kind = "websocket";
          if (blocked.has("websocket")) {
            refuse(connection);
            return;
          }
        }
        if (!stalled.has(connection.kind)) outgoing.write(chunk);
      });
      outgoing.on("data", (chunk: Buffer) => {
        if (!stalled.has(connection.kind)) incoming.write(chunk);
      });
      for (const [from, to] of [
        [incoming, outgoing],
        [outgoing, incoming],
      ] as const) {
        from.on("error", () => to.destroy());
        from.on("close", () => {
          open.delete(connection);
          to.destroy();
        });
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  onTestFinished(async () => {
    for (const connection of open) for (const socket of connection.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: (kinds = BOTH) => {
      for (const kind of kinds) blocked.add(kind);
      for (const connection of open) {
        if (blocked.has(connection.kind)) for (const socket of connection.sockets) socket.destroy();
      }
    },
    stall: (kinds = BOTH) => {
      for (const kind of kinds) stalled.add(kind);
    },
    heal: (kinds = BOTH) => {
      for (const kind of kinds) {
        blocked.delete(kind);
        stalled.delete(kind);
      }
    },
    events,
  };
}
