// Reads `ovb configure-agent --tools-file`: the agent's MCP servers and tool
// limits as JSON, the body of PUT /api/agents/{id}/tools, checked by the same
// schema. Header values come from the file, never the command line.
import { readFileSync } from "node:fs";
import { type PutAgentToolsRequest, putAgentToolsRequest } from "@openvibe/schema";
import { UsageError } from "./errors.ts";
import { validate } from "./validate.ts";

export function agentToolsChange(file: string | undefined): PutAgentToolsRequest | null {
  if (file === undefined) return null;
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`--tools-file: cannot read JSON from ${file}: ${String(error)}`);
  }
  return validate(putAgentToolsRequest, body, {
    servers: "--tools-file servers",
    limits: "--tools-file limits",
    "": "--tools-file",
  });
}
