// The caller's mentions inbox (see search/mentions-inbox.ts).
import { mentionsQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { mentionsOf } from "../../search/mentions-inbox.ts";
import { SearchIndex } from "../../search/search-index.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function mentionsRoutes({ ctx, indexCurrent }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const index = new SearchIndex(ctx.db.$client);

  app.get("/mentions", (c) => {
    const { user } = requirePrincipal(c);
    // A new thread's mention is asked for as soon as the thread shows in the channel's index.
    indexCurrent?.();
    return c.json(mentionsOf(ctx, index, user, readQuery(c, mentionsQuery)));
  });

  return app;
}
