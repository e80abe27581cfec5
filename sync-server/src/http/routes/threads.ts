// A split channel's threads, paged from the thread index (threads/thread-list.ts).
import { threadsQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { ThreadIndexRows } from "../../threads/thread-index-rows.ts";
import { listThreadsPage } from "../../threads/thread-list.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { readId, readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function threadRoutes({ ctx, threadRowsCurrent }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const rows = new ThreadIndexRows(ctx.db.$client);

  app.get("/channels/:id/threads", (c) => {
    const { user } = requirePrincipal(c);
    threadRowsCurrent?.();
    return c.json(listThreadsPage(ctx, rows, user, readId(c), readQuery(c, threadsQuery)));
  });

  return app;
}
