// The messages of a thread's main line or of a fork, in schema order.
import type { MessageView } from "@openvibe/schema";
import type { ReactNode } from "react";
import type { ChannelReplica } from "../sync/channel-replica.ts";
import { MessageItem, type MessageItemProps } from "./MessageItem.tsx";

export interface MessageListProps extends Omit<MessageItemProps, "message"> {
  label: string;
  messages: readonly MessageView[];
}

/** Reads a list and notes, for the "sent while offline" marker, which of its messages are new. */
export function observeArrivals(
  replica: ChannelReplica,
  listId: string,
  messages: readonly MessageView[],
): void {
  replica.arrivals.observe(
    listId,
    messages.map((message) => message.id),
    replica.isLive,
    Date.now(),
  );
}

export function MessageList({ label, messages, ...item }: MessageListProps): ReactNode {
  return (
    <ol className="messages" aria-label={label}>
      {messages.map((message) => (
        <MessageItem key={message.id} message={message} {...item} />
      ))}
    </ol>
  );
}
