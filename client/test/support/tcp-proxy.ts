// A TCP proxy in front of the server that a test can cut and restore: every connection through
// it (the page's HTTP and its WebSocket) ends at once, and new ones are refused until restored.
// The page sees its socket drop the way a server restart or a network blip drops it, without the
// browser's "offline" event that CDP's network emulation would also fire.
import { connect, createServer, type Socket } from "node:net";
import { onTestFinished } from "vitest";

export interface TcpProxy {
  /** The server's URL, through the proxy. */
  url: string;
  cut(): void;
  restore(): void;
}

export async function startTcpProxy(serverUrl: string): Promise<TcpProxy> {
  const target = new URL(serverUrl);
  const open = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(socket);
      socket.on("close", () => {
        open.delete(socket);
        other.destroy();
      });
      socket.on("error", () => other.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => {
    for (const socket of open) socket.destroy();
    server.close();
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the proxy has no port");
  return {
    url: `${target.protocol}//127.0.0.1:${address.port}`,
    cut: () => {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore: () => {
      cut = false;
    },
  };
}
