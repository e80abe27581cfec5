// Channels and their members. The services check every permission; a channel
// the caller may not see answers 404 exactly like a missing one.
import {
  createChannelRequest,
  openDirectMessageRequest,
  updateChannelRequest,
} from "@openvibe/schema";
import type { Context } from "hono";
import { Hono } from "hono";
import type { UserRecord } from "../../accounts/principal.ts";
import { toUserView } from "../../accounts/users.ts";
import {
  addMember,
  type ChannelRecord,
  createChannel,
  joinChannel,
  listMembers,
  listVisibleChannels,
  removeMember,
  requireVisibleChannel,
  setArchived,
  toChannelView,
  updateChannel,
} from "../../channels/channels.ts";
import { openDirectMessage } from "../../channels/direct-messages.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { readBody, readId } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

/** The caller and the channel id of a /channels/:id route, checked in that order. */
function target(c: Context<AppEnv>): { user: UserRecord; channelId: string } {
  const { user } = requirePrincipal(c);
  return { user, channelId: readId(c) };
}

export function channelRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const view = (
    c: Context<AppEnv>,
    user: UserRecord,
    channel: ChannelRecord,
    status: 200 | 201 = 200,
  ) => c.json(toChannelView(ctx, channel, user), status);

  app.get("/channels", (c) => {
    const { user } = requirePrincipal(c);
    return c.json(listVisibleChannels(ctx, user));
  });

  app.post("/channels", async (c) => {
    const { user } = requirePrincipal(c);
    const request = await readBody(c, createChannelRequest);
    return view(c, user, createChannel(ctx, user, request), 201);
  });

  app.post("/direct-messages", async (c) => {
    const { user } = requirePrincipal(c);
    const request = await readBody(c, openDirectMessageRequest);
    const { channel, started } = openDirectMessage(ctx, user, request);
    return view(c, user, channel, started ? 201 : 200);
  });

  app.get("/channels/:id", (c) => {
    const { user, channelId } = target(c);
    return view(c, user, requireVisibleChannel(ctx, user, channelId));
  });

  app.patch("/channels/:id", async (c) => {
    const { user, channelId } = target(c);
    const change = await readBody(c, updateChannelRequest);
    return view(c, user, updateChannel(ctx, user, channelId, change));
  });

  for (const [action, archived] of [
    ["archive", true],
    ["unarchive", false],
  ] as const) {
    app.post(`/channels/:id/${action}`, (c) => {
      const { user, channelId } = target(c);
      return view(c, user, setArchived(ctx, user, channelId, archived));
    });
  }

  app.post("/channels/:id/join", (c) => {
    const { user, channelId } = target(c);
    return view(c, user, joinChannel(ctx, user, channelId));
  });

  app.post("/channels/:id/leave", (c) => {
    const { user, channelId } = target(c);
    removeMember(ctx, user, channelId, user.id);
    return c.body(null, 204);
  });

  app.get("/channels/:id/members", (c) => {
    const { user, channelId } = target(c);
    return c.json(listMembers(ctx, user, channelId).map((member) => toUserView(member, user)));
  });

  app.put("/channels/:id/members/:userId", (c) => {
    const { user, channelId } = target(c);
    addMember(ctx, user, channelId, readId(c, "userId"));
    return c.body(null, 204);
  });

  app.delete("/channels/:id/members/:userId", (c) => {
    const { user, channelId } = target(c);
    removeMember(ctx, user, channelId, readId(c, "userId"));
    return c.body(null, 204);
  });

  return app;
}
