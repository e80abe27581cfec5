// Related messages for an agent task (bridge keys only): allowed while the bridge holds the
// task's lease, and searching as the task's agent, never as a person. Like a person's search, it
// first writes the search index's waiting changes, so it finds what was just posted.
import { taskSearchQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { requireHeldTask } from "../../agents/tasks.ts";
import { relatedMessages } from "../../search/related-messages.ts";
import { type AppEnv, requireBridge } from "../authentication.ts";
import { readQuery } from "../validation.ts";
import { type RouteDeps, searchServiceOf } from "./deps.ts";

export function bridgeSearchRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const service = searchServiceOf(deps);

  app.get("/bridge/tasks/:id/search", (c) => {
    const bridge = requireBridge(c);
    const task = requireHeldTask(deps.ctx, c.req.param("id"), bridge.apiKeyId);
    deps.indexCurrent?.();
    return c.json(relatedMessages(deps.ctx, service, task, readQuery(c, taskSearchQuery)));
  });

  return app;
}
