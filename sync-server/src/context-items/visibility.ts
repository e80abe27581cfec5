// Who may read a context item: its scope's readers. A thread's or channel's items are read by
// whoever can read that channel's messages (a private channel's by its members and admins); a
// workspace item by every active member and admin, not by guests (who see only the channels they
// were added to). Asked on every read, so an item follows its channel's permissions as they change.
import type { ContextItemPlace } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import { channelFacts, getChannel, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { canReadChannelContent, isActive } from "../permissions/permissions.ts";

export function canReadWorkspaceItems(
  user: Pick<UserRecord, "id" | "role" | "status" | "kind">,
): boolean {
  return isActive(user) && user.role !== "guest";
}

export function canReadChannelItems(ctx: AppContext, user: UserRecord, channelId: string): boolean {
  const channel = getChannel(ctx, channelId);
  if (channel === undefined) return false;
  return canReadChannelContent(user, channelFacts(channel), isMember(ctx, channelId, user.id));
}

export function canReadPlace(ctx: AppContext, user: UserRecord, place: ContextItemPlace): boolean {
  return place.channelId === null
    ? canReadWorkspaceItems(user)
    : canReadChannelItems(ctx, user, place.channelId);
}

/** A workspace item may come only from a public channel: a private channel's words stay in it. */
export function mayShareWithWorkspace(ctx: AppContext, channelId: string): boolean {
  return getChannel(ctx, channelId)?.visibility === "public";
}
