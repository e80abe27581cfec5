// The fake MCP server (./fake-mcp-tools.ts) over stdio: the bridge starts it
// as a child process (`node agent-bridge/src/testing/fake-mcp-stdio.ts`).
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { fakeMcpServer } from "./fake-mcp-tools.ts";

const server = fakeMcpServer({ crash: () => process.exit(3) });
await server.connect(new StdioServerTransport());
