// Admins configure agents (model, prompt, limits, budget, provider, tools) and read their
// token usage; anyone who may write in a channel retries a failed agent task.
import { agentUsageQuery, putAgentToolsRequest, updateAgentConfigRequest } from "@openvibe/schema";
import type { Context } from "hono";
import { Hono } from "hono";
import { getUser } from "../../accounts/users.ts";
import { getAgentConfig, updateAgentConfig } from "../../agents/agent-config.ts";
import { getAgentTools, putAgentTools } from "../../agents/agent-tools.ts";
import { retryTaskAs } from "../../agents/task-retry.ts";
import { agentUsageReport } from "../../agents/usage-report.ts";
import { notFound } from "../../errors.ts";
import { type AppEnv, requireAdmin, requirePrincipal } from "../authentication.ts";
import { readBody, readId, readQuery } from "../validation.ts";
import { type RouteDeps, secretsOf } from "./deps.ts";

export function agentAdminRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { ctx, taskQueue } = deps;
  const secrets = secretsOf(deps);
  const app = new Hono<AppEnv>();

  /** The admin and the agent of an /agents/:id route, checked in that order. */
  const target = (c: Context<AppEnv>) => {
    const { user } = requireAdmin(c);
    const agent = getUser(ctx, readId(c));
    if (agent === undefined || agent.kind !== "agent") throw notFound("agent");
    return { user, agentId: agent.id };
  };

  app.get("/agents/usage", (c) => {
    requireAdmin(c);
    return c.json(agentUsageReport(ctx, readQuery(c, agentUsageQuery).days));
  });

  app.get("/agents/:id/config", (c) => c.json(getAgentConfig(ctx, target(c).agentId)));

  app.patch("/agents/:id/config", async (c) => {
    const { user, agentId } = target(c);
    const change = await readBody(c, updateAgentConfigRequest);
    return c.json(updateAgentConfig(ctx, user, agentId, change, secrets));
  });

  app.get("/agents/:id/tools", (c) => c.json(getAgentTools(ctx, target(c).agentId)));

  app.put("/agents/:id/tools", async (c) => {
    const { user, agentId } = target(c);
    const change = await readBody(c, putAgentToolsRequest);
    return c.json(putAgentTools(ctx, user, agentId, change, secrets));
  });

  app.post("/tasks/:id/retry", (c) => {
    const { user } = requirePrincipal(c);
    const task = retryTaskAs(ctx, taskQueue, user, readId(c));
    return c.json({ id: task.id, status: task.status });
  });

  return app;
}
