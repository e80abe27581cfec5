// One MCP server for the length of one reply, through the official SDK: a
// command started over stdio (with only the SDK's default environment, so the
// bridge's own keys never reach it), or a streamable HTTP endpoint with its
// secret header. Lists the server's tools and calls them with a deadline and
// the reply's abort signal (Stop), which the SDK turns into a cancellation.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { TaskMcpServer } from "@openvibe/schema";
import type { ToolOutput } from "./tool-output.ts";
import { ToolTimeoutError } from "./tool-timeout.ts";

export interface McpTool {
  name: string;
  description: string;
  inputSchema: { type: "object"; [key: string]: unknown };
}

export interface McpConnection {
  tools: McpTool[];
  call(name: string, input: unknown, signal: AbortSignal, timeoutMs: number): Promise<ToolOutput>;
  close(): Promise<void>;
}

function transportFor(server: TaskMcpServer): Transport {
  if (server.transport === "stdio") {
    return new StdioClientTransport({
      command: server.command,
      args: server.args,
      stderr: "ignore",
    });
  }
  if (server.problem !== null) throw new Error(server.problem);
  const headers: Record<string, string> =
    server.headerName === null || server.headerValue === null
      ? {}
      : { [server.headerName]: server.headerValue };
  return new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } });
}

/** What a tool returned, as text: its text blocks, a note for others, or its structured content. */
function outputOf(result: Awaited<ReturnType<Client["callTool"]>>): ToolOutput {
  const blocks = Array.isArray(result.content) ? result.content : [];
  const parts = blocks.map((block) => {
    if (block.type === "text") return block.text;
    if (block.type === "resource" && "text" in block.resource) return block.resource.text;
    return `[${block.type} content not shown]`;
  });
  const text =
    parts.length > 0 ? parts.join("\n") : JSON.stringify(result.structuredContent ?? null);
  return { text, isError: result.isError === true };
}

export async function connectMcp(
  server: TaskMcpServer,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<McpConnection> {
  const client = new Client({ name: "openvibe-agent-bridge", version: "1" });
  await client.connect(transportFor(server), { signal, timeout: timeoutMs });
  try {
    const listed = await client.listTools(undefined, { signal, timeout: timeoutMs });
    return {
      tools: listed.tools.map((tool) => ({
        name: tool.name,
        description: tool.description ?? "",
        inputSchema: tool.inputSchema,
      })),
      async call(name, input, callSignal, callTimeoutMs) {
        const args = typeof input === "object" && input !== null ? input : {};
        try {
          const result = await client.callTool(
            { name, arguments: args as Record<string, unknown> },
            undefined,
            // The caller's signal carries its deadline; the SDK's own timeout only backs it up.
            { signal: callSignal, timeout: callTimeoutMs + 1_000 },
          );
          return outputOf(result);
        } catch (error) {
          const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout;
          if (timedOut && !callSignal.aborted) throw new ToolTimeoutError();
          throw error;
        }
      },
      close: () => client.close(),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
