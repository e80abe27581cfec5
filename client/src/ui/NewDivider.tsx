// The "New" divider of a thread: above the first message that was unread when the thread
// was opened, with how many were. Where it goes is fixed once the thread's messages (the
// caller passes them once its copy has synced, or offline) and the reader's positions are
// both at hand, before viewing the thread marks it read; messages arriving while the thread
// is open do not move it or make one.
import type { MessageView, Stamp } from "@openvibe/schema";
import { type ReactNode, useRef } from "react";
import { type FirstUnread, firstUnread, type ThreadPlace } from "../state/unread.ts";
import { useAttention } from "./attention/context.ts";

interface Opened {
  key: string;
  readStamp: Stamp | null;
  /** Undefined until the thread's messages are at hand. */
  divider: FirstUnread | null | undefined;
}

export function useNewDivider(
  place: ThreadPlace,
  messages: readonly MessageView[] | undefined,
): FirstUnread | null {
  const attention = useAttention();
  const opened = useRef<Opened | null>(null);
  const key = `${place.channelId}/${place.threadId}`;
  if (attention === null) return null;
  // Kept in a ref during render: the thread is marked read right after this render commits.
  if (opened.current?.key !== key) {
    opened.current = { key, readStamp: attention.tracker.readStamp(place), divider: undefined };
  }
  const current = opened.current;
  if (current.divider === undefined && messages !== undefined && messages.length > 0) {
    current.divider = firstUnread(messages, current.readStamp, attention.tracker.reader);
  }
  return current.divider ?? null;
}

export function NewDivider({ count }: { count: number }): ReactNode {
  return <p className="new-divider">New · {count === 1 ? "1 message" : `${count} messages`}</p>;
}
