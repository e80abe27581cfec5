// Who a new message is pushed to: the people it mentions, and in a direct message everyone in
// it; of them, people (not agents) who may read the channel now, never its author.
import type { UserRecord } from "../accounts/principal.ts";
import { findUserByHandle, getUser } from "../accounts/users.ts";
import { type ChannelRecord, channelFacts, isMember, memberIds } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { canReadChannelContent } from "../permissions/permissions.ts";

export function pushRecipients(
  ctx: AppContext,
  channel: ChannelRecord,
  message: { authorId: string; mentions: readonly string[] },
): UserRecord[] {
  const candidates = new Map<string, UserRecord>();
  const add = (user: UserRecord | undefined) => {
    if (user !== undefined) candidates.set(user.id, user);
  };
  for (const handle of message.mentions) add(findUserByHandle(ctx, handle));
  if (channel.visibility === "direct") {
    for (const id of memberIds(ctx, channel.id)) add(getUser(ctx, id));
  }
  const facts = channelFacts(channel);
  return [...candidates.values()].filter(
    (user) =>
      user.kind === "human" &&
      user.id !== message.authorId &&
      canReadChannelContent(user, facts, isMember(ctx, channel.id, user.id)),
  );
}
