// Another thread for an agent task (bridge keys only), for the agent's read_thread tool: allowed
// while the bridge holds the task's lease, reading as the task's agent, never as a person.
import { taskThreadQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { readTaskThread } from "../../agents/task-thread.ts";
import { requireHeldTask } from "../../agents/tasks.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { type AppEnv, requireBridge } from "../authentication.ts";
import { readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function bridgeThreadRoutes({ ctx, documents }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The server passes its document store; an app mounted without one reads through its own.
  let loader = documents;

  app.get("/bridge/tasks/:id/thread", (c) => {
    const bridge = requireBridge(c);
    const task = requireHeldTask(ctx, c.req.param("id"), bridge.apiKeyId);
    loader ??= new SqliteDocumentStore(ctx.db, { synchronous: "full" });
    return c.json(readTaskThread(ctx, loader, task, readQuery(c, taskThreadQuery)));
  });

  return app;
}
