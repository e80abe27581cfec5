// Agent identities: admins create them; everyone signed in can list them
// (to mention them, or to pick the workspace's default agent).
import { createAgentRequest } from "@openvibe/schema";
import { Hono } from "hono";
import { createAgent, listAgents } from "../../accounts/agents.ts";
import { toUserView } from "../../accounts/users.ts";
import { type AppEnv, requireAdmin, requirePrincipal } from "../authentication.ts";
import { readBody } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function agentRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/agents", async (c) => {
    const { user } = requireAdmin(c);
    const agent = await createAgent(ctx, user, await readBody(c, createAgentRequest));
    return c.json(toUserView(agent, user), 201);
  });

  app.get("/agents", (c) => {
    const { user } = requirePrincipal(c);
    return c.json(listAgents(ctx).map((agent) => toUserView(agent, user)));
  });

  return app;
}
