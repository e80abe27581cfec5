// Links to one message: the thread's (or fork's) route with `?m=<messageId>` (the schema's
// messagePath, which push notifications carry too). Opening such a link scrolls to the message
// and highlights it (MessageList's `revealId`: the message may be far outside the rendered rows).
import { MESSAGE_PARAM, type MessageAddress, messagePath } from "@openvibe/schema";
import { navigateToUrl, useLocationSearch } from "./navigation.ts";

export type { MessageAddress };

export function messageLink(origin: string, address: MessageAddress): string {
  return `${origin}${messagePath(address)}`;
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
