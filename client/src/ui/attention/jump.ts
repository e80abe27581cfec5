// Opening a thread at one message: navigate, then wait (with a deadline) for
// the message to be on screen and bring it into view.
import { navigate } from "../navigation.ts";

const JUMP_DEADLINE_MS = 5_000;

export interface MessagePlace {
  channelId: string;
  threadId: string;
  messageId: string;
  /** The fork the message is in (its side panel opens); null or absent: the main line. */
  forkId?: string | null;
}

/** Scrolls to the message and highlights it once it is on screen (within a deadline). */
export function revealWhenPresent(messageId: string): void {
  const selector = `[data-message-id="${CSS.escape(messageId)}"]`;
  const reveal = (): boolean => {
    const element = document.querySelector(selector);
    if (element === null) return false;
    element.scrollIntoView({ block: "center" });
    element.classList.add("jump-target");
    return true;
  };
  if (reveal()) return;
  const observer = new MutationObserver(() => {
    if (reveal()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), JUMP_DEADLINE_MS);
}

export function jumpToMessage({ channelId, threadId, messageId, forkId }: MessagePlace): void {
  navigate({ screen: "thread", channelId, threadId, forkId: forkId ?? null });
  revealWhenPresent(messageId);
}
