// Permission-matrix rows for an agent's tools (MCP servers and limits): admins only.
import { adminOnly, type Row } from "./permission-table.ts";
import type { PermissionWorld } from "./permission-world.ts";

const tools = (w: PermissionWorld) => `/agents/${w.agent.user.id}/tools`;

export const AGENT_TOOL_ROWS: Row[] = [
  { route: "GET /agents/:id/tools", expect: adminOnly(), request: (w) => ({ path: tools(w) }) },
  {
    route: "PUT /agents/:id/tools",
    expect: adminOnly(),
    request: (w) => ({
      path: tools(w),
      body: { servers: [{ name: "files", transport: "stdio", command: "mcp-files" }] },
    }),
  },
];
