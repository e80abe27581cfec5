// Direct messages: a channel of visibility "direct" between a fixed set of two to eight people
// (agents too), seen and opened by them alone, admins included. Its name is derived from the
// set, so starting a direct message with the same people again opens the same conversation, even
// when two of them start it at once (it is looked up under the write lock; the name is unique).
import { DIRECT_MESSAGE_PEOPLE, type OpenDirectMessageRequest } from "@openvibe/schema";
import { and, eq } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { getUser } from "../accounts/users.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { channelMembers, channels } from "../db/schema.ts";
import { ApiError } from "../errors.ts";
import { newId } from "../ids.ts";
import { canBeInDirectMessage } from "../permissions/permissions.ts";
import type { ChannelRecord } from "./channels.ts";
import { directMessageName } from "./direct-message-name.ts";

function findByName(ctx: AppContext, name: string): ChannelRecord | undefined {
  return ctx.db
    .select()
    .from(channels)
    .where(and(eq(channels.name, name), eq(channels.visibility, "direct")))
    .get();
}

/** The people of a direct message `starter` asks for: them and the others, checked. */
function directMessagePeople(
  ctx: AppContext,
  starter: UserRecord,
  request: OpenDirectMessageRequest,
): string[] {
  if (!canBeInDirectMessage(starter)) {
    throw new ApiError("forbidden", "guests cannot start direct messages");
  }
  const people = [...new Set([starter.id, ...request.userIds])];
  if (people.length < DIRECT_MESSAGE_PEOPLE.min || people.length > DIRECT_MESSAGE_PEOPLE.max) {
    throw new ApiError(
      "validation_failed",
      `a direct message is between ${DIRECT_MESSAGE_PEOPLE.min} and ${DIRECT_MESSAGE_PEOPLE.max} people, you included`,
    );
  }
  for (const id of people) {
    const person = getUser(ctx, id);
    if (person === undefined || !canBeInDirectMessage(person)) {
      throw new ApiError(
        "validation_failed",
        `${id} cannot be in a direct message (no such active person or agent, or a guest)`,
      );
    }
  }
  return people;
}

/** The direct message between the starter and `request.userIds`, started if it is new. */
export function openDirectMessage(
  ctx: AppContext,
  starter: UserRecord,
  request: OpenDirectMessageRequest,
): { channel: ChannelRecord; started: boolean } {
  return commitChange(ctx, () => {
    const people = directMessagePeople(ctx, starter, request);
    const name = directMessageName(people);
    const existing = findByName(ctx, name);
    if (existing !== undefined) return { channel: existing, started: false };
    const now = ctx.now();
    const channel: ChannelRecord = {
      id: newId(),
      name,
      topic: "",
      visibility: "direct",
      createdBy: starter.id,
      createdAt: now,
      archivedAt: null,
    };
    ctx.db.insert(channels).values(channel).run();
    for (const userId of people) {
      ctx.db
        .insert(channelMembers)
        .values({ channelId: channel.id, userId, addedBy: starter.id, joinedAt: now })
        .run();
    }
    recordAudit(ctx, {
      actorId: starter.id,
      action: "channel.created",
      targetType: "channel",
      targetId: channel.id,
      details: { name, visibility: "direct", members: people.length },
    });
    for (const userId of people) {
      ctx.accessChanges.emit({ kind: "member-added", userId, channelId: channel.id });
    }
    return { channel, started: true };
  });
}
