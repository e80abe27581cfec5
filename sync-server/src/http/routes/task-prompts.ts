// What an agent saw when it wrote a reply: the task's prompt records, for whoever can read the
// task's channel (a private channel's records for its members and admins only).
import { Hono } from "hono";
import { taskPromptsFor } from "../../agents/task-prompts.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { readId } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function taskPromptRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/tasks/:id/prompt", (c) => {
    const { user } = requirePrincipal(c);
    return c.json(taskPromptsFor(ctx, user, readId(c)));
  });

  return app;
}
