// Links to one message: the thread's (or fork's) route with `?m=<messageId>`.
// Opening such a link scrolls to the message and highlights it (MessageList's
// `revealId`: the message may be far outside the rendered rows).
import { navigateToUrl, useLocationSearch } from "./navigation.ts";
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

/** The message the current URL points at (a link opened, a mention or search result clicked). */
export function useLinkedMessage(): string | null {
  return linkedMessageId(useLocationSearch());
}

/** Opens the message's thread (or fork) scrolled to it and highlighted, however far back. */
export function openMessage(address: MessageAddress): void {
  navigateToUrl(messageLink("", address));
}
