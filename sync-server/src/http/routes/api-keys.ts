// API keys: admins manage everyone's (agents' above all); members their own.
// A key the caller may not manage is answered like a missing one, unless it
// is the caller's own.
import { createApiKeyRequest } from "@openvibe/schema";
import { Hono } from "hono";
import { createApiKey, getApiKey, listApiKeys, revokeApiKey } from "../../accounts/api-keys.ts";
import { getUser, requireUser } from "../../accounts/users.ts";
import { ApiError, notFound } from "../../errors.ts";
import { canManageApiKeysOf, isAdmin } from "../../permissions/permissions.ts";
import { type AppEnv, requirePrincipal, requireSession } from "../authentication.ts";
import { readBody, readId } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

const cannotManage = () =>
  new ApiError("forbidden", "only admins and members can manage API keys, members their own");

export function apiKeyRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/api-keys", async (c) => {
    // A browser session, not a key: a leaked key must not be able to mint its own successors.
    requireSession(c);
    const { user } = requirePrincipal(c);
    const { name, userId } = await readBody(c, createApiKeyRequest);
    const owner = userId === undefined ? user : requireUser(ctx, userId);
    if (!canManageApiKeysOf(user, owner)) throw cannotManage();
    return c.json(createApiKey(ctx, user, owner, name), 201);
  });

  app.get("/api-keys", (c) => {
    const { user } = requirePrincipal(c);
    if (isAdmin(user)) return c.json(listApiKeys(ctx));
    if (!canManageApiKeysOf(user, user)) throw cannotManage();
    return c.json(listApiKeys(ctx, user.id));
  });

  app.delete("/api-keys/:id", (c) => {
    const { user } = requirePrincipal(c);
    const key = getApiKey(ctx, readId(c));
    const owner = key === undefined ? undefined : getUser(ctx, key.userId);
    if (key === undefined || owner === undefined) throw notFound("API key");
    if (!canManageApiKeysOf(user, owner)) {
      throw owner.id === user.id ? cannotManage() : notFound("API key");
    }
    revokeApiKey(ctx, user, key.id);
    return c.body(null, 204);
  });

  return app;
}
