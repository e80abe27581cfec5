// The path that opens one message: its thread's (or fork's) path (thread-link.ts) with
// `?m=<messageId>`, as the browser client routes it. The server puts it in push notifications;
// the client's message links are built with it.
import { type ThreadAddress, threadPath } from "../thread-link.ts";

export interface MessageAddress extends ThreadAddress {
  messageId: string;
}

/** The query parameter naming the message to scroll to and highlight. */
export const MESSAGE_PARAM = "m";

export function messagePath({ messageId, ...thread }: MessageAddress): string {
  return `${threadPath(thread)}?${MESSAGE_PARAM}=${encodeURIComponent(messageId)}`;
}
