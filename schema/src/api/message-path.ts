// The path that opens one message: its thread's (or fork's) screen with `?m=<messageId>`, as
// the browser client routes it. The server puts it in push notifications; the client copies it.

export interface MessageAddress {
  channelId: string;
  threadId: string;
  forkId: string | null;
  messageId: string;
}

/** The query parameter naming the message to scroll to and highlight. */
export const MESSAGE_PARAM = "m";

/** The thread's (or fork's) route path. */
function threadPath(channelId: string, threadId: string, forkId: string | null): string {
  const thread = `/c/${encodeURIComponent(channelId)}/t/${encodeURIComponent(threadId)}`;
  return forkId === null ? thread : `${thread}/f/${encodeURIComponent(forkId)}`;
}

export function messagePath({ channelId, threadId, forkId, messageId }: MessageAddress): string {
  return `${threadPath(channelId, threadId, forkId)}?${MESSAGE_PARAM}=${encodeURIComponent(messageId)}`;
}
