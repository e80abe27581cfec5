// PeerSocket over a real crossws server and a real WebSocket client: the state Hocuspocus reads
// before every send follows the connection, read from the `ws` socket, not crossws's Proxy.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Peer } from "crossws";
import crossws from "crossws/adapters/node";
import { afterEach, describe, expect, it } from "vitest";
import { PeerSocket, socketUnder } from "./peer-socket.ts";

const servers: ReturnType<typeof createServer>[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A crossws server on port 0; resolves each peer that opens, and each close it sees. */
async function serve(): Promise<{
  url: string;
  opened: Promise<Peer>;
  closed: Promise<void>;
}> {
  let open: (peer: Peer) => void = () => {};
  let close: () => void = () => {};
  const opened = new Promise<Peer>((resolve) => {
    open = resolve;
  });
  const closed = new Promise<void>((resolve) => {
    close = resolve;
  });
  const ws = crossws({ hooks: { open: (peer) => open(peer), close: () => close() } });
  const server = createServer();
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void ws.handleUpgrade(request, socket, head);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}`, opened, closed };
}

describe("PeerSocket", () => {
  it("reads the ws socket's state under the peer, and sends to the client", async () => {
    const { url, opened, closed } = await serve();
    const client = new WebSocket(url);
    client.binaryType = "arraybuffer";
    const received = new Promise<Uint8Array>((resolve) => {
      client.onmessage = (event) => resolve(new Uint8Array(event.data as ArrayBuffer));
    });
    const peer = await opened;
    expect(socketUnder(peer)).not.toBeNull();
    const socket = new PeerSocket(peer);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.send(new Uint8Array([1, 2, 3]));
    expect(await received).toEqual(new Uint8Array([1, 2, 3]));
    client.close();
    await closed;
    expect(socket.readyState).toBe(WebSocket.CLOSED);
    expect(socket.readyState).toBe(peer.websocket.readyState);
  });

  it("closes the client's connection with the code and reason given", async () => {
    const { url, opened } = await serve();
    const client = new WebSocket(url);
    const closedWith = new Promise<[number, string]>((resolve) => {
      client.onclose = (event) => resolve([event.code, event.reason]);
    });
    const socket = new PeerSocket(await opened);
    socket.close(4403, "access revoked");
    expect(await closedWith).toEqual([4403, "access revoked"]);
    expect(socket.readyState).not.toBe(WebSocket.OPEN);
  });
});
