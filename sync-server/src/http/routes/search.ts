// Full-text search over the messages of the channels the caller can read.
import { searchQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { SearchIndex } from "../../search/search-index.ts";
import { SearchService } from "../../search/search-service.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function searchRoutes({ ctx, search }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const service = search ?? new SearchService({ ctx, index: new SearchIndex(ctx.db.$client) });

  app.get("/search", (c) => {
    const { user } = requirePrincipal(c);
    return c.json(service.search(user, readQuery(c, searchQuery)));
  });

  return app;
}
