// The caller's mentions inbox (see search/mentions-inbox.ts).
import { mentionsQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { mentionsOf } from "../../search/mentions-inbox.ts";
import { SearchIndex } from "../../search/search-index.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function mentionsRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const index = new SearchIndex(ctx.db.$client);

  app.get("/mentions", (c) => {
    const { user } = requirePrincipal(c);
    return c.json(mentionsOf(ctx, index, user, readQuery(c, mentionsQuery)));
  });

  return app;
}
