// Full-text search over the messages of the channels the caller can read, while the workspace's
// settings leave search on.
import { searchQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { requireFeature } from "../features.ts";
import { readQuery } from "../validation.ts";
import { type RouteDeps, searchServiceOf } from "./deps.ts";

export function searchRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const service = searchServiceOf(deps);
  const { ctx } = deps;

  app.get("/search", (c) => {
    const { user } = requirePrincipal(c);
    requireFeature(ctx, "search");
    return c.json(service.search(user, readQuery(c, searchQuery)));
  });

  return app;
}
