// A TCP link between one bridge and the server that a test can cut and heal:
// a network partition for that bridge alone, while the server and everyone
// else carry on. Closed when the test finishes.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createConnection, createServer, type Socket } from "node:net";
import { onTestFinished } from "vitest";

export interface CuttableLink {
  /** The server's URL as seen through the link (http://127.0.0.1:<link port>). */
  url: string;
  /** Drops every connection and refuses new ones until `heal`. */
  cut(): void;
  heal(): void;
}

export async function cuttableLink(targetPort: number): Promise<CuttableLink> {
  let cut = false;
  const open = new Set<Socket>();
  const server = createServer((incoming) => {
    if (cut) {
      incoming.destroy();
      return;
    }
    const outgoing = createConnection({ host: "127.0.0.1", port: targetPort });
    for (const [from, to] of [
      [incoming, outgoing],
      [outgoing, incoming],
    ] as const) {
      open.add(from);
      from.pipe(to);
      from.on("error", () => to.destroy());
      from.on("close", () => {
        open.delete(from);
        to.destroy();
      });
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  onTestFinished(async () => {
    for (const socket of open) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    heal: () => {
      cut = false;
    },
  };
}
