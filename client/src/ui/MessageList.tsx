// The messages of a thread's main line or of a fork, in schema order, in a
// virtualised list (@tanstack/react-virtual): only the rows on screen (and a
// few around) are in the DOM, measured as they render, so a thread of 10,000
// messages opens and scrolls smoothly. The list opens at the latest message
// and follows new ones (and a growing agent reply) while the reader is at the
// bottom; scrolling up stops following. A linked message is scrolled to by
// index (it has no row until then) and highlighted. Home and End go through
// the virtualiser too: the browser's own smooth scroll stops short as soon as
// rows measured on the way correct the position.
import { lateArrivalOf, type MessageView } from "@openvibe/schema";
import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import type { FirstUnread } from "../state/unread.ts";
import { MessageItem, type MessageItemProps } from "./MessageItem.tsx";
import { NewDivider } from "./NewDivider.tsx";
import { useNewMessagesBelow } from "./new-messages.ts";
import { useSignedIn } from "./services.tsx";

export interface MessageListProps extends Omit<MessageItemProps, "message" | "lateArrivalAt"> {
  label: string;
  messages: readonly MessageView[];
  /** A message to scroll to and highlight once this list holds it (from a message link). */
  revealId?: string | null;
  /** Where the "New" divider goes; the list opens there when no message is revealed. */
  divider?: FirstUnread | null;
}

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48;
const ESTIMATED_ROW_PX = 96;

type ListVirtualizer = Virtualizer<HTMLDivElement, Element>;

/**
 * Keeps `scroller` at its end while the reader is there, as its content grows and as the
 * scroller itself shrinks (a fork's resolution taking the place of its composer).
 */
function useFollowEnd(scroller: RefObject<HTMLDivElement | null>, contentSize: number) {
  const following = useRef(true);
  /** Whether the reader is scrolled up, away from the end (state: the view shows it). */
  const [away, setAway] = useState(false);
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (el === null) return;
    following.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    setAway(!following.current);
  }, [scroller]);
  const unfollow = useCallback(() => {
    following.current = false;
    setAway(true);
  }, []);
  const follow = useCallback(() => {
    following.current = true;
    setAway(false);
    const el = scroller.current;
    if (el !== null) el.scrollTop = el.scrollHeight;
  }, [scroller]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run whenever the content grows
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el !== null && following.current) el.scrollTop = el.scrollHeight;
  }, [scroller, contentSize]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const resized = new ResizeObserver(() => {
      if (following.current) el.scrollTop = el.scrollHeight;
    });
    resized.observe(el);
    return () => resized.disconnect();
  }, [scroller]);
  return { onScroll, unfollow, follow, away };
}

/** Scrolls to `revealId` once the list holds it (once per id); returns the revealed id. */
function useReveal(
  virtualizer: ListVirtualizer,
  messages: readonly MessageView[],
  revealId: string | null,
  unfollow: () => void,
): string | null {
  const [revealed, setRevealed] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (revealId === null || revealId === revealed) return;
    const index = messages.findIndex((message) => message.id === revealId);
    if (index === -1) return;
    unfollow();
    virtualizer.scrollToIndex(index, { align: "center" });
    setRevealed(revealId);
  }, [virtualizer, messages, revealId, revealed, unfollow]);
  return revealed;
}

/**
 * Opens the list at the "New" divider (once per divider) when what is new does not fit on
 * screen, unless a message is revealed; otherwise the list stays at its end.
 */
function useOpenAtDivider(
  virtualizer: ListVirtualizer,
  messages: readonly MessageView[],
  divider: FirstUnread | null,
  revealing: boolean,
  unfollow: () => void,
): void {
  const opened = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (divider === null || revealing || opened.current === divider.messageId) return;
    const index = messages.findIndex((message) => message.id === divider.messageId);
    const start = virtualizer.measurementsCache[index]?.start;
    const height = virtualizer.scrollElement?.clientHeight;
    if (start === undefined || height === undefined) return;
    opened.current = divider.messageId;
    if (virtualizer.getTotalSize() - start <= height) return;
    unfollow();
    virtualizer.scrollToIndex(index, { align: "start" });
  }, [virtualizer, messages, divider, revealing, unfollow]);
}

function isTextEntry(target: EventTarget): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLInputElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

export function MessageList({
  label,
  messages,
  revealId = null,
  divider = null,
  ...item
}: MessageListProps): ReactNode {
  const scroller = useRef<HTMLDivElement | null>(null);
  // A new key function makes the virtualiser lay out every row again: keep it while the
  // messages are the same, so a render on scroll does not cost O(messages).
  const getItemKey = useCallback((index: number) => messages[index]?.id ?? index, [messages]);
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey,
    overscan: 6,
    // The list opens at its end (useFollowEnd): the first render lays out the newest rows, not
    // the first ones, which would be rendered, measured and thrown away at once.
    initialOffset: () => messages.length * ESTIMATED_ROW_PX,
    initialRect: { width: 0, height: window.innerHeight },
  });
  const totalSize = virtualizer.getTotalSize();
  const { onScroll, unfollow, follow, away } = useFollowEnd(scroller, totalSize);
  const revealed = useReveal(virtualizer, messages, revealId, unfollow);
  useOpenAtDivider(virtualizer, messages, divider, revealId !== null, unfollow);
  const { me } = useSignedIn();
  const jumpToLatest = useCallback(() => {
    follow();
    if (messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: "end" });
  }, [follow, virtualizer, messages.length]);
  const newBelow = useNewMessagesBelow(messages, {
    away,
    readerId: me.id,
    bringDown: jumpToLatest,
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTextEntry(event.target) || messages.length === 0) return;
    if (event.key === "Home") {
      unfollow();
      virtualizer.scrollToIndex(0, { align: "start" });
    } else if (event.key === "End") {
      jumpToLatest();
    } else return;
    event.preventDefault();
  };
  return (
    <div className="message-pane">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Home and End scroll the region (below) */}
      <div
        className="message-scroller"
        ref={scroller}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
      >
        <ol className="messages" aria-label={label} style={{ height: totalSize }}>
          {virtualizer.getVirtualItems().map((row) => {
            const message = messages[row.index];
            if (message === undefined) return null;
            return (
              <li
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                data-message-id={message.id}
                className={message.id === revealed ? "jump-target" : undefined}
                aria-setsize={messages.length}
                aria-posinset={row.index + 1}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                {message.id === divider?.messageId && <NewDivider count={divider.count} />}
                <MessageItem
                  message={message}
                  lateArrivalAt={lateArrivalOf(item.replica.doc, message.id)}
                  {...item}
                />
              </li>
            );
          })}
        </ol>
      </div>
      {away && (
        <button type="button" className="jump-to-latest" onClick={jumpToLatest}>
          {newBelow > 0 ? `${newBelow} new · Jump to latest` : "Jump to latest"}
        </button>
      )}
    </div>
  );
}
