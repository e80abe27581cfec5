// The tools an agent may call while it answers: MCP servers admins attach to
// it (a command the bridge starts, speaking MCP over stdio, or a streamable
// HTTP endpoint with an optional secret header), each tool with a policy, and
// the limits of one reply's tool use. The header's value is write-only: it is
// stored encrypted and only a bridge running one of the agent's tasks gets it.
import { z } from "zod";
import { isHttpUrl } from "./model-providers.ts";

/**
 * "allowed": the model may call it; "ask": a person in the thread approves or denies each call;
 * "off": the model is not told about it.
 */
export const TOOL_POLICIES = ["allowed", "ask", "off"] as const;
export type ToolPolicy = (typeof TOOL_POLICIES)[number];

/**
 * The tools every agent has without MCP (agent-bridge/src/tools/builtin-tools.ts), each with a
 * policy like an MCP tool's; a tool `builtin` does not name is "allowed".
 */
export const BUILTIN_TOOLS = ["search_messages", "read_thread", "remember"] as const;
export type BuiltinToolName = (typeof BUILTIN_TOOLS)[number];

const builtinPolicies = z.partialRecord(z.enum(BUILTIN_TOOLS), z.enum(TOOL_POLICIES)).default({});

/** A built-in tool's policy under `builtin`. */
export function builtinPolicy(
  builtin: Partial<Record<BuiltinToolName, ToolPolicy>>,
  tool: BuiltinToolName,
): ToolPolicy {
  return builtin[tool] ?? "allowed";
}

/** A server's name prefixes its tools' names for the model (`<server>__<tool>`). */
export const mcpServerName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,19}$/,
    "a server name is 1-20 lower-case letters, digits or '-', starting with a letter or digit",
  );

/** A tool's name as its MCP server gives it (MCP and the model APIs allow these characters). */
export const toolName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, "a tool name is 1-40 letters, digits, '_', '.' or '-'");

/** Tools the server lists but `tools` does not name get `otherTools`. */
const policies = {
  tools: z.record(toolName, z.enum(TOOL_POLICIES)).default({}),
  otherTools: z.enum(TOOL_POLICIES).default("allowed"),
};

const stdioServer = z.strictObject({
  name: mcpServerName,
  transport: z.literal("stdio"),
  /** Started by the bridge, on the bridge's machine, with the bridge's rights. */
  command: z.string().trim().min(1).max(500),
  args: z.array(z.string().max(2000)).max(50).default([]),
  ...policies,
});

/** An HTTP header's name (RFC 9110 token). */
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "not a header name");

const httpServerFields = {
  name: mcpServerName,
  transport: z.literal("http"),
  url: z.string().trim().max(500).refine(isHttpUrl, "must be an http:// or https:// URL"),
  /** The header that carries the secret (Authorization, X-Api-Key); null: none is sent. */
  headerName: headerName.nullable().default(null),
  ...policies,
};

/** The server settings as stored and shown (the header's value apart). */
export const mcpServerSettings = z.discriminatedUnion("transport", [
  stdioServer,
  z.strictObject(httpServerFields),
]);

export const TOOL_LIMIT_DEFAULTS = {
  maxCallsPerReply: 8,
  callTimeoutMs: 30_000,
  maxResultBytes: 16_000,
  approvalTimeoutMs: 300_000,
} as const;

export const toolLimits = z.strictObject({
  /** Tool calls one reply may make; the model is then asked to answer without more. */
  maxCallsPerReply: z.number().int().min(1).max(50).default(TOOL_LIMIT_DEFAULTS.maxCallsPerReply),
  /** Longest wait for one call's result. */
  callTimeoutMs: z
    .number()
    .int()
    .min(1_000)
    .max(300_000)
    .default(TOOL_LIMIT_DEFAULTS.callTimeoutMs),
  /** A longer result is cut to this many bytes (UTF-8), with a note to the model (and kept in the step). */
  maxResultBytes: z
    .number()
    .int()
    .min(1_000)
    .max(40_000)
    .default(TOOL_LIMIT_DEFAULTS.maxResultBytes),
  /** How long an "ask" call waits for a person's decision; then it is not run. */
  approvalTimeoutMs: z
    .number()
    .int()
    .min(1_000)
    .max(3_600_000)
    .default(TOOL_LIMIT_DEFAULTS.approvalTimeoutMs),
});

const namesDiffer = (servers: readonly { name: string }[]) =>
  new Set(servers.map((s) => s.name)).size === servers.length;

export const agentToolSettings = z.strictObject({
  servers: z
    .array(mcpServerSettings)
    .max(10)
    .default([])
    .refine(namesDiffer, "server names must differ"),
  limits: toolLimits.default(TOOL_LIMIT_DEFAULTS),
  builtin: builtinPolicies,
});

/** What admins read: the settings, and for each HTTP server whether a header value is stored. */
export type AgentToolsView = {
  servers: (McpServerSettings & { headerValueSet: boolean })[];
  limits: ToolLimits;
  builtin: AgentToolSettings["builtin"];
};

/**
 * Replaces the agent's tool settings. An HTTP server's `headerValue`: a string stores it, null
 * clears it; left out, the value stored for the server of that name is kept, only while its URL
 * and header name stay the same (a secret goes only where it was given for).
 */
export const putAgentToolsRequest = z.strictObject({
  servers: z
    .array(
      z.discriminatedUnion("transport", [
        stdioServer,
        z.strictObject({
          ...httpServerFields,
          headerValue: z.string().trim().min(1).max(4000).nullable().optional(),
        }),
      ]),
    )
    .max(10)
    .default([])
    .refine(namesDiffer, "server names must differ"),
  limits: toolLimits.default(TOOL_LIMIT_DEFAULTS),
  builtin: builtinPolicies,
});

/** An MCP server as a bridge connects to it for a task, the header's value opened. */
export type TaskMcpServer =
  | Extract<McpServerSettings, { transport: "stdio" }>
  | (Extract<McpServerSettings, { transport: "http" }> & {
      headerValue: string | null;
      /** Why the stored header value cannot be used (the server cannot decrypt it). */
      problem: string | null;
    });

/** The tools of a claimed task. */
export interface TaskTools {
  servers: TaskMcpServer[];
  limits: ToolLimits;
  builtin: AgentToolSettings["builtin"];
}

export type McpServerSettings = z.infer<typeof mcpServerSettings>;
export type ToolLimits = z.infer<typeof toolLimits>;
export type AgentToolSettings = z.infer<typeof agentToolSettings>;
export type PutAgentToolsRequest = z.infer<typeof putAgentToolsRequest>;
