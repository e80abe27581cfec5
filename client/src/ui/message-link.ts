// Links to one message: the thread's (or fork's) route with `?m=<messageId>`.
// Opening such a link scrolls to the message and highlights it.
import { useEffect } from "react";
import { revealWhenPresent } from "./attention/jump.ts";
import { routePath } from "./routes.ts";

export interface MessageAddress {
  channelId: string;
  threadId: string;
  forkId: string | null;
  messageId: string;
}

const MESSAGE_PARAM = "m";

export function messageLink(origin: string, { messageId, ...thread }: MessageAddress): string {
  const path = routePath({ screen: "thread", ...thread });
  return `${origin}${path}?${MESSAGE_PARAM}=${encodeURIComponent(messageId)}`;
}

/** The message a URL's query string points at, if any. */
export function linkedMessageId(search: string): string | null {
  const id = new URLSearchParams(search).get(MESSAGE_PARAM);
  return id === null || id === "" ? null : id;
}

/** On opening a thread from a message link, brings the message into view. */
export function useRevealLinkedMessage(threadId: string): void {
  useEffect(() => {
    const messageId = linkedMessageId(window.location.search);
    if (messageId !== null && threadId !== "") revealWhenPresent(messageId);
  }, [threadId]);
}
