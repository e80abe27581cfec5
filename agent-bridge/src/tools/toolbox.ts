// The tools one reply may call: the built-in ones (./builtin-tools.ts) and the
// allowed tools of the agent's MCP servers, each named `<server>__<tool>` for
// the model. Servers are connected when the
// reply starts, in parallel, and closed when it ends; a server that cannot be
// reached is reported (its tools are missing), never waited on past the
// agent's time per call.
import type { ClaimedTask, TaskMcpServer, ToolPolicy } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import type { ToolDefinition } from "../model/model-provider.ts";
import type { BridgeApi } from "../server/bridge-api.ts";
import { builtinTools } from "./builtin-tools.ts";
import { connectMcp, type McpConnection } from "./mcp-connection.ts";
import type { ToolOutput } from "./tool-output.ts";

/** A tool the model may call, whether a person must approve each call, and how to call it. */
export interface ToolEntry {
  definition: ToolDefinition;
  policy: "allowed" | "ask";
  call(input: unknown, signal: AbortSignal, timeoutMs: number): Promise<ToolOutput>;
}

export interface Toolbox {
  tools: Map<string, ToolEntry>;
  /** Servers whose tools are missing, and why. */
  unavailable: { server: string; error: string }[];
  close(): Promise<void>;
}

/** The model APIs take names of letters, digits, '_' and '-'. */
const modelName = (server: string, tool: string) =>
  `${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);

function policyOf(server: TaskMcpServer, tool: string): ToolPolicy {
  return server.tools[tool] ?? server.otherTools;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function openToolbox(
  task: ClaimedTask,
  deps: { api: BridgeApi; logger: Logger },
  signal: AbortSignal,
): Promise<Toolbox> {
  const { servers, limits } = task.tools;
  const tools = new Map(
    builtinTools(task, deps.api).map((entry) => [entry.definition.name, entry] as const),
  );
  const unavailable: Toolbox["unavailable"] = [];
  const connections: McpConnection[] = [];
  const connected = await Promise.allSettled(
    servers.map((server) => connectMcp(server, signal, limits.callTimeoutMs)),
  );
  connected.forEach((outcome, index) => {
    const server = servers[index];
    if (server === undefined) return;
    if (outcome.status === "rejected") {
      const error = describeError(outcome.reason);
      unavailable.push({ server: server.name, error });
      deps.logger.warn({ server: server.name, error }, "MCP server unavailable");
      return;
    }
    const connection = outcome.value;
    connections.push(connection);
    for (const tool of connection.tools) {
      const name = modelName(server.name, tool.name);
      const policy = policyOf(server, tool.name);
      if (policy === "off" || tools.has(name)) continue;
      tools.set(name, {
        policy,
        definition: {
          name,
          description: tool.description,
          inputSchema: tool.inputSchema,
        },
        call: (input, callSignal, timeoutMs) =>
          connection.call(tool.name, input, callSignal, timeoutMs),
      });
    }
  });
  return {
    tools,
    unavailable,
    close: async () => {
      await Promise.allSettled(connections.map((connection) => connection.close()));
    },
  };
}
