// What a push says about one message: who wrote where, the start of the text, and its link.
import { messagePath, notificationExcerpt, type PushNotification } from "@openvibe/schema";
import { getUser } from "../accounts/users.ts";
import type { ChannelRecord } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";

export interface NotifiedMessage {
  id: string;
  threadId: string;
  forkId: string | null;
  authorId: string;
  body: string;
}

export function messageNotification(
  ctx: AppContext,
  channel: ChannelRecord,
  message: NotifiedMessage,
): PushNotification {
  const author = getUser(ctx, message.authorId)?.displayName ?? "Someone";
  const where = channel.visibility === "direct" ? "(direct message)" : `in #${channel.name}`;
  return {
    title: `${author} ${where}`.slice(0, 200),
    body: notificationExcerpt(message.body),
    url: messagePath({
      channelId: channel.id,
      threadId: message.threadId,
      forkId: message.forkId,
      messageId: message.id,
    }),
  };
}
