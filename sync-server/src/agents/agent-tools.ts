// Each agent's tools: the MCP servers admins attach to it, with a policy per
// tool, and the limits of one reply's tool use. An HTTP server's header value
// is sealed at rest (./secret-box.ts), never sent back (only whether one is
// set) and opened only for a bridge running one of the agent's tasks.
import {
  type AgentToolSettings,
  type AgentToolsView,
  agentToolSettings,
  type PutAgentToolsRequest,
  type TaskTools,
} from "@openvibe/schema";
import { eq } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { agentTools } from "../db/schema.ts";
import { invalidField } from "../errors.ts";
import type { SecretBox } from "./secret-box.ts";

interface Stored {
  settings: AgentToolSettings;
  /** Sealed header values by server name. */
  sealed: Record<string, string>;
}

function stored(ctx: AppContext, agentId: string): Stored {
  const row = ctx.db.select().from(agentTools).where(eq(agentTools.agentId, agentId)).get();
  if (row === undefined) return { settings: agentToolSettings.parse({}), sealed: {} };
  return {
    settings: agentToolSettings.parse(JSON.parse(row.settings)),
    sealed: JSON.parse(row.headerValuesSealed) as Record<string, string>,
  };
}

const headerContext = (agentId: string, server: string) => `agent:${agentId}:mcp:${server}`;

function toView({ settings, sealed }: Stored): AgentToolsView {
  return {
    servers: settings.servers.map((server) => ({
      ...server,
      headerValueSet: sealed[server.name] !== undefined,
    })),
    limits: settings.limits,
    builtin: settings.builtin,
  };
}

export function getAgentTools(ctx: AppContext, agentId: string): AgentToolsView {
  return toView(stored(ctx, agentId));
}

/** The agent's tools as a bridge connects to them for a task, the header values opened. */
export function taskTools(ctx: AppContext, secrets: SecretBox, agentId: string): TaskTools {
  const { settings, sealed } = stored(ctx, agentId);
  const servers = settings.servers.map((server) => {
    if (server.transport === "stdio") return server;
    const value = sealed[server.name];
    if (value === undefined) return { ...server, headerValue: null, problem: null };
    try {
      return {
        ...server,
        headerValue: secrets.open(value, headerContext(agentId, server.name)),
        problem: null,
      };
    } catch (error) {
      const problem = `the stored header value cannot be used: ${(error as Error).message}`;
      return { ...server, headerValue: null, problem };
    }
  });
  return { servers, limits: settings.limits, builtin: settings.builtin };
}

/** Replaces the agent's tool settings; header values as `putAgentToolsRequest` says. */
export function putAgentTools(
  ctx: AppContext,
  actor: UserRecord,
  agentId: string,
  change: PutAgentToolsRequest,
  secrets: SecretBox,
): AgentToolsView {
  return commitChange(ctx, () => {
    const current = stored(ctx, agentId);
    const sealed: Record<string, string> = {};
    const headerChanges: Record<string, "set" | "cleared" | "kept"> = {};
    const servers = change.servers.map((server, index) => {
      if (server.transport === "stdio") return server;
      const { headerValue, ...settings } = server;
      if (headerValue !== undefined && headerValue !== null && settings.headerName === null) {
        throw invalidField(`servers.${index}.headerName`, "name the header that carries the value");
      }
      if (headerValue === undefined) {
        const before = current.settings.servers.find((s) => s.name === server.name);
        const kept = current.sealed[server.name];
        if (kept !== undefined) {
          const same =
            before?.transport === "http" &&
            before.url === settings.url &&
            before.headerName === settings.headerName;
          if (!same) {
            throw invalidField(
              `servers.${index}.headerValue`,
              "give the header value again (or null to clear it) to change the URL or header",
            );
          }
          sealed[server.name] = kept;
          headerChanges[server.name] = "kept";
        }
      } else if (headerValue !== null) {
        sealed[server.name] = secrets.seal(headerValue, headerContext(agentId, server.name));
        headerChanges[server.name] = "set";
      } else if (current.sealed[server.name] !== undefined) {
        headerChanges[server.name] = "cleared";
      }
      return settings;
    });
    const settings = agentToolSettings.parse({
      servers,
      limits: change.limits,
      builtin: change.builtin,
    });
    const row = {
      agentId,
      settings: JSON.stringify(settings),
      headerValuesSealed: JSON.stringify(sealed),
      updatedAt: ctx.now(),
    };
    ctx.db
      .insert(agentTools)
      .values(row)
      .onConflictDoUpdate({ target: agentTools.agentId, set: row })
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "agent.tools_configured",
      targetType: "user",
      targetId: agentId,
      details: { tools: settings, headerValues: headerChanges },
    });
    return toView({ settings, sealed });
  });
}
