// The workspace's default channels: an admin names them in the settings (channels that exist
// and are not archived), and every newcomer joins them on accepting an invite. Guests are left
// out: they read only the channels an admin adds them to.
import type { UserRecord } from "../accounts/principal.ts";
import type { AppContext } from "../context.ts";
import { channelMembers } from "../db/schema.ts";
import { ApiError } from "../errors.ts";
import { getChannel, isMember } from "./channels.ts";

/** Refuses default channel ids that name no channel, or an archived one. */
export function assertDefaultChannels(ctx: AppContext, channelIds: readonly string[]): void {
  const issues = channelIds.flatMap((channelId, index) => {
    const channel = getChannel(ctx, channelId);
    if (channel !== undefined && channel.archivedAt === null) return [];
    const path = `defaultChannelIds.${index}`;
    return [{ path, message: "not a channel that people can join (missing or archived)" }];
  });
  if (issues.length > 0) {
    throw new ApiError("validation_failed", issues.map((i) => i.message).join("; "), { issues });
  }
}

/**
 * Adds a newcomer to every default channel that still exists and is not archived, inside the
 * caller's change (commit-change.ts).
 */
export function joinDefaultChannels(
  ctx: AppContext,
  user: UserRecord,
  defaultChannelIds: readonly string[],
): void {
  if (user.role === "guest") return;
  for (const channelId of defaultChannelIds) {
    const channel = getChannel(ctx, channelId);
    if (channel === undefined || channel.archivedAt !== null) continue;
    if (isMember(ctx, channelId, user.id)) continue;
    ctx.db
      .insert(channelMembers)
      .values({ channelId, userId: user.id, addedBy: null, joinedAt: ctx.now() })
      .run();
    ctx.accessChanges.emit({ kind: "member-added", userId: user.id, channelId });
  }
}
