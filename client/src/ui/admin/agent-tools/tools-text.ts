// The agent's tools as the admin edits them: the JSON of PUT
// /api/agents/{id}/tools (what `ovb configure-agent --tools-file` reads), and
// back. Header values are write-only: the text leaves them out (the stored one
// is kept), and a value typed in as "headerValue" replaces it.
import {
  type AgentToolsView,
  type PutAgentToolsRequest,
  putAgentToolsRequest,
} from "@openvibe/schema";

export function toolsText(view: AgentToolsView): string {
  const servers = view.servers.map(({ headerValueSet: _set, ...server }) => server);
  return JSON.stringify({ servers, limits: view.limits, builtin: view.builtin }, null, 2);
}

/** The request the text says, or what is wrong with it. */
export function readToolsText(
  text: string,
): { request: PutAgentToolsRequest } | { problem: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { problem: `Not JSON: ${(error as Error).message}` };
  }
  const parsed = putAgentToolsRequest.safeParse(body);
  if (parsed.success) return { request: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "tools"}: ${i.message}`);
  return { problem: issues.join(" · ") };
}
