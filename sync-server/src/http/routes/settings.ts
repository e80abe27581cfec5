// The workspace's name and settings: read by every client at start, changed by admins.
import { updateSettingsRequest } from "@openvibe/schema";
import { Hono } from "hono";
import { getWorkspace, toWorkspaceView, updateWorkspace } from "../../workspace/workspace.ts";
import { type AppEnv, requireAdmin, requirePrincipal } from "../authentication.ts";
import { readBody } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function settingsRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/workspace", (c) => {
    requirePrincipal(c);
    return c.json(toWorkspaceView(getWorkspace(ctx)));
  });

  app.patch("/workspace", async (c) => {
    const { user } = requireAdmin(c);
    return c.json(updateWorkspace(ctx, user, await readBody(c, updateSettingsRequest)));
  });

  return app;
}
