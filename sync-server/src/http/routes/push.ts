// Web push: the server's VAPID public key, and the caller's browser subscriptions (saved and
// removed by their owner only). Browsers subscribe, so these take a session, not an API key.
import {
  deletePushSubscriptionRequest,
  type PushKeyView,
  pushSubscriptionRequest,
} from "@openvibe/schema";
import { Hono } from "hono";
import { deleteOwnSubscription, saveSubscription } from "../../push/subscriptions.ts";
import { ensureVapidKeys } from "../../push/vapid-keys.ts";
import { type AppEnv, requirePrincipal, requireSession } from "../authentication.ts";
import { readBody } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function pushRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/push/key", (c) => {
    requireSession(c);
    const view: PushKeyView = { publicKey: ensureVapidKeys(ctx).publicKey };
    return c.json(view);
  });

  app.post("/push/subscriptions", async (c) => {
    requireSession(c);
    const { user } = requirePrincipal(c);
    saveSubscription(ctx, user.id, await readBody(c, pushSubscriptionRequest));
    return c.body(null, 204);
  });

  app.delete("/push/subscriptions", async (c) => {
    requireSession(c);
    const { user } = requirePrincipal(c);
    const { endpoint } = await readBody(c, deletePushSubscriptionRequest);
    deleteOwnSubscription(ctx, user.id, endpoint);
    return c.body(null, 204);
  });

  return app;
}
