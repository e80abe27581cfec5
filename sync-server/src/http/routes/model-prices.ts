// The price table (admins): list, set one (provider, model)'s price, remove one.
import { putModelPriceRequest } from "@openvibe/schema";
import { Hono } from "hono";
import { listModelPrices, putModelPrice, removeModelPrice } from "../../agents/model-prices.ts";
import { type AppEnv, requireAdmin } from "../authentication.ts";
import { readBody, readId } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function modelPriceRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/agents/prices", (c) => {
    requireAdmin(c);
    return c.json(listModelPrices(ctx));
  });

  app.put("/agents/prices", async (c) => {
    const { user } = requireAdmin(c);
    return c.json(putModelPrice(ctx, user, await readBody(c, putModelPriceRequest)));
  });

  app.delete("/agents/prices/:id", (c) => {
    const { user } = requireAdmin(c);
    removeModelPrice(ctx, user, readId(c));
    return c.body(null, 204);
  });

  return app;
}
