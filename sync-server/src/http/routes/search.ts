// Full-text search over the messages of the channels the caller can read, while the workspace's
// settings leave search on; the first page also names the context items holding the words.
import { searchQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { searchContextItems } from "../../context-items/item-search.ts";
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
    const query = readQuery(c, searchQuery);
    deps.indexCurrent?.();
    const items = query.cursor === undefined ? searchContextItems(ctx, user, query.q) : [];
    return c.json({ ...service.search(user, query), contextItems: items });
  });

  return app;
}
