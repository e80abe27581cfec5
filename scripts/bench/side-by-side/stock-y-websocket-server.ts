// The y-websocket reference server (@y/websocket-server's own bin/server.js, on a port the
// benchmark chooses): one document per URL path, kept in memory.
// Prints {"msg":"server listening","port":N} once it listens on 127.0.0.1 (PORT, 0: any).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";

const sockets = new WebSocketServer({ noServer: true });
sockets.on("connection", setupWSConnection);
const server = createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "text/plain" });
  response.end("okay");
});
server.on("upgrade", (request, socket, head) => {
  sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit("connection", ws, request));
});
server.listen(Number(process.env.PORT ?? "0"), "127.0.0.1", () => {
  console.log(
    JSON.stringify({ msg: "server listening", port: (server.address() as AddressInfo).port }),
  );
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const client of sockets.clients) client.terminate();
    server.close(() => process.exit(0));
  });
}
