// Context items for an agent task (bridge keys only, while the bridge holds the task): the items
// in the task's scope for its prompt, and the agent's `remember` tool.
import { rememberRequest } from "@openvibe/schema";
import { Hono } from "hono";
import { requireClaim, requireHeldTask } from "../../agents/tasks.ts";
import { itemsForTask, rememberForTask } from "../../context-items/agent-memory.ts";
import { type AppEnv, requireBridge } from "../authentication.ts";
import { readBody } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function bridgeContextItemRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/bridge/tasks/:id/context-items", (c) => {
    const bridge = requireBridge(c);
    const task = requireHeldTask(ctx, c.req.param("id"), bridge.apiKeyId);
    return c.json({ items: itemsForTask(ctx, task) });
  });

  app.post("/bridge/tasks/:id/context-items", async (c) => {
    const bridge = requireBridge(c);
    const body = await readBody(c, rememberRequest);
    const task = requireClaim(ctx, c.req.param("id"), bridge.apiKeyId, body.attempt);
    return c.json(rememberForTask(ctx, task, body), 201);
  });

  return app;
}
