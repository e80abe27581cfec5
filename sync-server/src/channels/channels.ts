// Channels and their members. Every entry point checks the permissions
// module; a channel the caller may not see answers "channel not found", the
// same as one that does not exist.
import {
  type ChannelView,
  type CreateChannelRequest,
  channelDocumentName,
  type UpdateChannelRequest,
} from "@openvibe/schema";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { requireUser } from "../accounts/users.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { preparedPerDatabase } from "../db/prepared-per-database.ts";
import { channelMembers, channels, users } from "../db/schema.ts";
import { ApiError, notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import {
  type ChannelFacts,
  canAddMember,
  canArchiveChannel,
  canCreateChannel,
  canEditChannel,
  canJoinChannel,
  canReadChannelContent,
  canRemoveMember,
  canSeeChannel,
  documentAccess,
} from "../permissions/permissions.ts";
import { DIRECT_MESSAGE_NAME_PREFIX } from "./direct-message-name.ts";

export type ChannelRecord = typeof channels.$inferSelect;

export function channelFacts(channel: ChannelRecord): ChannelFacts {
  return {
    visibility: channel.visibility,
    archived: channel.archivedAt !== null,
    createdBy: channel.createdBy,
  };
}

const channelById = preparedPerDatabase((db) =>
  db
    .select()
    .from(channels)
    .where(eq(channels.id, sql.placeholder("channelId")))
    .prepare(),
);

export function getChannel(ctx: AppContext, channelId: string): ChannelRecord | undefined {
  return channelById(ctx.db).get({ channelId });
}

const membership = preparedPerDatabase((db) =>
  db
    .select({ joinedAt: channelMembers.joinedAt })
    .from(channelMembers)
    .where(
      and(
        eq(channelMembers.channelId, sql.placeholder("channelId")),
        eq(channelMembers.userId, sql.placeholder("userId")),
      ),
    )
    .prepare(),
);

export function isMember(ctx: AppContext, channelId: string, userId: string): boolean {
  return joinedAt(ctx, channelId, userId) !== null;
}

/** When `userId` joined the channel (ms), or null when they are not a member. */
function joinedAt(ctx: AppContext, channelId: string, userId: string): number | null {
  return membership(ctx.db).get({ channelId, userId })?.joinedAt ?? null;
}

/** The channels whose messages `viewer` may read (admins: all; others: their channels). */
export function readableChannels(ctx: AppContext, viewer: UserRecord): ChannelRecord[] {
  return ctx.db
    .select()
    .from(channels)
    .all()
    .filter((channel) =>
      canReadChannelContent(viewer, channelFacts(channel), isMember(ctx, channel.id, viewer.id)),
    );
}

/** The channel if `viewer` may see it; otherwise the same not_found as for a missing one. */
export function requireVisibleChannel(
  ctx: AppContext,
  viewer: UserRecord,
  channelId: string,
): ChannelRecord {
  const channel = getChannel(ctx, channelId);
  if (
    channel === undefined ||
    !canSeeChannel(viewer, channelFacts(channel), isMember(ctx, channelId, viewer.id))
  ) {
    throw notFound("channel");
  }
  return channel;
}

function memberCount(ctx: AppContext, channelId: string): number {
  return (
    ctx.db
      .select({ n: count() })
      .from(channelMembers)
      .where(eq(channelMembers.channelId, channelId))
      .get()?.n ?? 0
  );
}

/** The ids of a channel's members, in id order. */
export function memberIds(ctx: AppContext, channelId: string): string[] {
  return ctx.db
    .select({ userId: channelMembers.userId })
    .from(channelMembers)
    .where(eq(channelMembers.channelId, channelId))
    .orderBy(asc(channelMembers.userId))
    .all()
    .map((row) => row.userId);
}

export function toChannelView(
  ctx: AppContext,
  channel: ChannelRecord,
  viewer: UserRecord,
): ChannelView {
  const joinedAtMs = joinedAt(ctx, channel.id, viewer.id);
  const joined = joinedAtMs !== null;
  return {
    id: channel.id,
    documentName: channelDocumentName(channel.id),
    name: channel.name,
    topic: channel.topic,
    visibility: channel.visibility,
    archived: channel.archivedAt !== null,
    joined,
    joinedAt: joined ? new Date(joinedAtMs).toISOString() : null,
    writable: documentAccess(viewer, channelFacts(channel), joined) === "write",
    memberCount: memberCount(ctx, channel.id),
    directMembers: channel.visibility === "direct" ? memberIds(ctx, channel.id) : null,
    createdAt: new Date(channel.createdAt).toISOString(),
  };
}

export function listVisibleChannels(ctx: AppContext, viewer: UserRecord): ChannelView[] {
  return ctx.db
    .select()
    .from(channels)
    .orderBy(asc(channels.name))
    .all()
    .filter((channel) =>
      canSeeChannel(viewer, channelFacts(channel), isMember(ctx, channel.id, viewer.id)),
    )
    .map((channel) => toChannelView(ctx, channel, viewer));
}

function assertNameFree(ctx: AppContext, name: string, exceptId?: string): void {
  if (name.startsWith(DIRECT_MESSAGE_NAME_PREFIX)) {
    throw new ApiError(
      "validation_failed",
      `channel names starting with ${DIRECT_MESSAGE_NAME_PREFIX} are kept for direct messages`,
    );
  }
  const existing = ctx.db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.name, name))
    .get();
  // Says "taken" even for a private channel the caller cannot see: names are unique workspace-wide,
  // and revealing that a name is in use is the least a unique name can leak.
  if (existing !== undefined && existing.id !== exceptId) {
    throw new ApiError("conflict", `the channel name #${name} is taken`);
  }
}

export function createChannel(
  ctx: AppContext,
  actor: UserRecord,
  request: CreateChannelRequest,
): ChannelRecord {
  return commitChange(ctx, () => {
    if (!canCreateChannel(actor)) throw new ApiError("forbidden", "guests cannot create channels");
    assertNameFree(ctx, request.name);
    const now = ctx.now();
    const channel: ChannelRecord = {
      id: newId(),
      name: request.name,
      topic: request.topic,
      visibility: request.visibility,
      createdBy: actor.id,
      createdAt: now,
      archivedAt: null,
    };
    ctx.db.insert(channels).values(channel).run();
    ctx.db
      .insert(channelMembers)
      .values({ channelId: channel.id, userId: actor.id, addedBy: actor.id, joinedAt: now })
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "channel.created",
      targetType: "channel",
      targetId: channel.id,
      details: { name: channel.name, visibility: channel.visibility },
    });
    ctx.accessChanges.emit({ kind: "channel-created", channelId: channel.id });
    return channel;
  });
}

export function updateChannel(
  ctx: AppContext,
  actor: UserRecord,
  channelId: string,
  change: UpdateChannelRequest,
): ChannelRecord {
  return commitChange(ctx, () => {
    const channel = requireVisibleChannel(ctx, actor, channelId);
    if (!canEditChannel(actor, channelFacts(channel), isMember(ctx, channelId, actor.id))) {
      throw new ApiError(
        "forbidden",
        "only the channel's members and admins can rename it or set its topic",
      );
    }
    if (change.name !== undefined) assertNameFree(ctx, change.name, channelId);
    ctx.db
      .update(channels)
      .set({
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.topic === undefined ? {} : { topic: change.topic }),
      })
      .where(eq(channels.id, channelId))
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "channel.updated",
      targetType: "channel",
      targetId: channelId,
      details: change,
    });
    ctx.accessChanges.emit({ kind: "channel-edited", channelId });
    return requireVisibleChannel(ctx, actor, channelId);
  });
}

export function setArchived(
  ctx: AppContext,
  actor: UserRecord,
  channelId: string,
  archived: boolean,
): ChannelRecord {
  return commitChange(ctx, () => {
    const channel = requireVisibleChannel(ctx, actor, channelId);
    if (!canArchiveChannel(actor, channelFacts(channel))) {
      throw new ApiError("forbidden", "only admins and the channel's creator can archive it");
    }
    if ((channel.archivedAt !== null) === archived) return channel;
    ctx.db
      .update(channels)
      .set({ archivedAt: archived ? ctx.now() : null })
      .where(eq(channels.id, channelId))
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: archived ? "channel.archived" : "channel.unarchived",
      targetType: "channel",
      targetId: channelId,
    });
    ctx.accessChanges.emit({ kind: "channel-changed", channelId });
    return requireVisibleChannel(ctx, actor, channelId);
  });
}

export function joinChannel(ctx: AppContext, user: UserRecord, channelId: string): ChannelRecord {
  return commitChange(ctx, () => {
    const channel = requireVisibleChannel(ctx, user, channelId);
    if (isMember(ctx, channelId, user.id)) return channel;
    if (!canJoinChannel(user, channelFacts(channel))) {
      throw new ApiError("forbidden", "this channel cannot be joined; ask a member to add you");
    }
    ctx.db
      .insert(channelMembers)
      .values({ channelId, userId: user.id, addedBy: user.id, joinedAt: ctx.now() })
      .run();
    ctx.accessChanges.emit({ kind: "member-added", userId: user.id, channelId });
    return channel;
  });
}

export function addMember(
  ctx: AppContext,
  actor: UserRecord,
  channelId: string,
  userId: string,
): ChannelRecord {
  return commitChange(ctx, () => {
    const channel = requireVisibleChannel(ctx, actor, channelId);
    const target = requireUser(ctx, userId);
    // Permission first: whether the person is already in must not change the answer.
    if (!canAddMember(actor, channelFacts(channel), isMember(ctx, channelId, actor.id), target)) {
      throw new ApiError("forbidden", "you cannot add this person to this channel");
    }
    if (isMember(ctx, channelId, userId)) return channel;
    ctx.db
      .insert(channelMembers)
      .values({ channelId, userId, addedBy: actor.id, joinedAt: ctx.now() })
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "channel.member_added",
      targetType: "channel",
      targetId: channelId,
      details: { userId },
    });
    ctx.accessChanges.emit({ kind: "member-added", userId, channelId });
    return channel;
  });
}

/** Removes a member (or lets a member leave); their live connections to the channel end at once. */
export function removeMember(
  ctx: AppContext,
  actor: UserRecord,
  channelId: string,
  userId: string,
): void {
  commitChange(ctx, () => {
    const channel = requireVisibleChannel(ctx, actor, channelId);
    const target = requireUser(ctx, userId);
    if (!canRemoveMember(actor, channelFacts(channel), target)) {
      throw new ApiError("forbidden", "only admins and the channel's creator can remove members");
    }
    if (!isMember(ctx, channelId, userId)) return;
    ctx.db
      .delete(channelMembers)
      .where(and(eq(channelMembers.channelId, channelId), eq(channelMembers.userId, userId)))
      .run();
    if (actor.id !== userId) {
      recordAudit(ctx, {
        actorId: actor.id,
        action: "channel.member_removed",
        targetType: "channel",
        targetId: channelId,
        details: { userId },
      });
    }
    ctx.accessChanges.emit({ kind: "member-removed", userId, channelId });
  });
}

export function listMembers(ctx: AppContext, viewer: UserRecord, channelId: string): UserRecord[] {
  requireVisibleChannel(ctx, viewer, channelId);
  return ctx.db
    .select({ user: users })
    .from(channelMembers)
    .innerJoin(users, eq(users.id, channelMembers.userId))
    .where(eq(channelMembers.channelId, channelId))
    .orderBy(asc(users.displayName))
    .all()
    .map((row) => row.user);
}
