// Context items (the shared memory) for people: a channel's list, "Remember this" on one of its
// messages, edit, merge, delete. Readers of the item's scope only (others get 404); changes by
// the item's author or an admin.
import {
  contextItemsQuery,
  createContextItemRequest,
  mergeContextItemsRequest,
  updateContextItemRequest,
} from "@openvibe/schema";
import { Hono } from "hono";
import {
  deleteItem,
  listChannelItems,
  mergeItems,
  rememberMessage,
  updateItem,
} from "../../context-items/context-items.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { readBody, readId, readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function contextItemRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/channels/:id/context-items", (c) => {
    const { user } = requirePrincipal(c);
    const { q } = readQuery(c, contextItemsQuery);
    return c.json({ items: listChannelItems(ctx, user, readId(c), q) });
  });

  app.post("/channels/:id/context-items", async (c) => {
    const { user } = requirePrincipal(c);
    const body = await readBody(c, createContextItemRequest);
    return c.json(rememberMessage(ctx, user, readId(c), body), 201);
  });

  app.post("/context-items/merge", async (c) => {
    const { user } = requirePrincipal(c);
    return c.json(mergeItems(ctx, user, await readBody(c, mergeContextItemsRequest)), 201);
  });

  app.patch("/context-items/:id", async (c) => {
    const { user } = requirePrincipal(c);
    const body = await readBody(c, updateContextItemRequest);
    return c.json(updateItem(ctx, user, readId(c), body));
  });

  app.delete("/context-items/:id", (c) => {
    const { user } = requirePrincipal(c);
    deleteItem(ctx, user, readId(c));
    return c.body(null, 204);
  });

  return app;
}
