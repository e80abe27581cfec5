// Invite links: admins create, list and revoke them; anyone holding a link
// may preview it and accept it, which creates their account and signs them in.
import {
  acceptInviteRequest,
  type CreatedInvite,
  claimInviteRequest,
  createInviteRequest,
  type InvitePreview,
  invitePreviewQuery,
} from "@openvibe/schema";
import { Hono } from "hono";
import {
  acceptInvite,
  createClaimInvite,
  createInvite,
  listInvites,
  previewInvite,
  revokeInvite,
  toInviteView,
} from "../../accounts/invites.ts";
import { isPlaceholder, requireUser } from "../../accounts/users.ts";
import { ApiError } from "../../errors.ts";
import { getWorkspace } from "../../workspace/workspace.ts";
import { type AppEnv, requireAdmin } from "../authentication.ts";
import { publicOrigin } from "../public-origin.ts";
import { startSession } from "../sign-in.ts";
import { readBody, readId, readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function inviteRoutes({ ctx, publicUrl, listening }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/invites", async (c) => {
    const { user } = requireAdmin(c);
    const request = await readBody(c, createInviteRequest);
    // OPENVIBE_PUBLIC_URL, or this request's origin only when its Host is the listening address;
    // decided before the invite exists, so a refused request leaves none behind.
    const origin = publicOrigin(c, publicUrl, listening);
    const { token, invite } = createInvite(ctx, user, request);
    const created: CreatedInvite = {
      invite: toInviteView(invite),
      token,
      url: `${origin}/invite/${token}`,
    };
    return c.json(created, 201);
  });

  app.post("/users/:id/claim-invite", async (c) => {
    const { user } = requireAdmin(c);
    const placeholder = requireUser(ctx, readId(c));
    if (!isPlaceholder(placeholder)) {
      throw new ApiError("conflict", `@${placeholder.handle} is not a placeholder account`);
    }
    const { expiresInHours } = await readBody(c, claimInviteRequest);
    const origin = publicOrigin(c, publicUrl, listening);
    const { token, invite } = createClaimInvite(ctx, user, placeholder, expiresInHours);
    const created: CreatedInvite = {
      invite: toInviteView(invite),
      token,
      url: `${origin}/invite/${token}`,
    };
    return c.json(created, 201);
  });

  app.get("/invites", (c) => {
    requireAdmin(c);
    return c.json(listInvites(ctx));
  });

  app.delete("/invites/:id", (c) => {
    const { user } = requireAdmin(c);
    revokeInvite(ctx, user, readId(c));
    return c.body(null, 204);
  });

  app.get("/invites/preview", (c) => {
    const offer = previewInvite(ctx, readQuery(c, invitePreviewQuery).token);
    const preview: InvitePreview = { workspaceName: getWorkspace(ctx).name, ...offer };
    return c.json(preview);
  });

  app.post("/invites/accept", async (c) => {
    const user = await acceptInvite(ctx, await readBody(c, acceptInviteRequest));
    return c.json(startSession(c, ctx, user), 201);
  });

  return app;
}
