// The fake MCP server (./fake-mcp-tools.ts) over streamable HTTP, stateless
// (a server and transport per request, no session id generator), refusing
// requests without the expected secret header. `crash` drops the connection.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { fakeMcpServer } from "./fake-mcp-tools.ts";

export interface FakeMcpHttp {
  /** The MCP endpoint. */
  url: string;
  /** Headers of every request received. */
  headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startFakeMcpHttp(
  secret: { header: string; value: string } | null,
): Promise<FakeMcpHttp> {
  const headers: IncomingHttpHeaders[] = [];
  const http = createServer((request, response) => {
    headers.push(request.headers);
    if (secret !== null && request.headers[secret.header.toLowerCase()] !== secret.value) {
      response.writeHead(401, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: "unauthorized" }));
      return;
    }
    const server = fakeMcpServer({ crash: () => response.socket?.destroy() });
    const transport = new StreamableHTTPServerTransport({});
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(request, response))
      .catch(() => response.destroy());
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    headers,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
