// A TCP link between one bridge and the server that a test can cut and heal:
// a network partition for that bridge alone, while the server and everyone
// else carry on. HTTP requests and WebSocket connections can be cut and
// healed apart (a connection's kind is read from its first request). Closed
// when the test finishes.
import { once } from "node:events";
import { type AddressInfo, createConnection, createServer, type Socket } from "node:net";
import { onTestFinished } from "vitest";

export type LinkKind = "http" | "websocket";
const BOTH: readonly LinkKind[] = ["http", "websocket"];

export interface CuttableLink {
  /** The server's URL as seen through the link (http://127.0.0.1:<link port>). */
  url: string;
  /** Drops the connections of these kinds (both by default) and refuses new ones until healed. */
  cut(kinds?: readonly LinkKind[]): void;
  heal(kinds?: readonly LinkKind[]): void;
}

const kindOf = (firstChunk: Buffer): LinkKind =>
  /\r\nupgrade:\s*websocket/i.test(firstChunk.toString("latin1")) ? "websocket" : "http";

export async function cuttableLink(targetPort: number): Promise<CuttableLink> {
  const blocked = new Set<LinkKind>();
  const open = new Map<Socket, LinkKind>();
  const server = createServer((incoming) => {
    incoming.on("error", () => incoming.destroy());
    incoming.once("data", (first: Buffer) => {
      const kind = kindOf(first);
      if (blocked.has(kind)) {
        incoming.destroy();
        return;
      }
      const outgoing = createConnection({ host: "127.0.0.1", port: targetPort });
      outgoing.write(first);
      for (const [from, to] of [
        [incoming, outgoing],
        [outgoing, incoming],
      ] as const) {
        open.set(from, kind);
        from.pipe(to);
        from.on("error", () => to.destroy());
        from.on("close", () => {
          open.delete(from);
          to.destroy();
        });
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  onTestFinished(async () => {
    for (const socket of open.keys()) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: (kinds = BOTH) => {
      for (const kind of kinds) blocked.add(kind);
      for (const [socket, kind] of open) if (blocked.has(kind)) socket.destroy();
    },
    heal: (kinds = BOTH) => {
      for (const kind of kinds) blocked.delete(kind);
    },
  };
}
