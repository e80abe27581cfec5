// A small MCP server built with the official SDK's server classes, for tests
// and demos of agent tools: a lookup, a result of any size, a tool that
// crashes its server, one that never answers, and one that counts its calls.
// ./fake-mcp-stdio.ts serves it over stdio, ./fake-mcp-http.ts over HTTP.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export interface FakeMcpHooks {
  /** What `crash` does: end the process (stdio) or drop the connection (HTTP). */
  crash(): void;
}

const text = (value: string) => ({ content: [{ type: "text" as const, text: value }] });

export function fakeMcpServer(hooks: FakeMcpHooks): McpServer {
  const server = new McpServer({ name: "openvibe-fake-mcp", version: "1.0.0" });
  let calls = 0;
  server.registerTool(
    "lookup",
    { description: "Looks a word up.", inputSchema: { q: z.string() } },
    async ({ q }) => text(`found: ${q}`),
  );
  server.registerTool(
    "big",
    { description: "Returns this many bytes of text.", inputSchema: { bytes: z.number().int() } },
    async ({ bytes }) => text("x".repeat(bytes)),
  );
  server.registerTool("crash", { description: "Crashes the server." }, async () => {
    hooks.crash();
    return new Promise<never>(() => undefined);
  });
  server.registerTool(
    "hang",
    { description: "Never answers." },
    () => new Promise<never>(() => undefined),
  );
  server.registerTool("count", { description: "Counts its calls." }, async () => {
    calls += 1;
    return text(`call ${calls}`);
  });
  server.registerTool("secret", { description: "Off by policy in tests." }, async () =>
    text("never"),
  );
  return server;
}
