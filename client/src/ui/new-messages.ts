// While the reader is scrolled up, counts the messages that arrived below (for "Jump to latest");
// a message the reader sent themselves brings them down to it instead.
import type { MessageView } from "@openvibe/schema";
import { useEffect, useRef, useState } from "react";

export function useNewMessagesBelow(
  messages: readonly MessageView[],
  options: { away: boolean; readerId: string; bringDown(): void },
): number {
  const { away, readerId, bringDown } = options;
  const [count, setCount] = useState(0);
  const lastSeen = useRef<string | null>(messages.at(-1)?.id ?? null);
  useEffect(() => {
    const from = messages.findIndex((message) => message.id === lastSeen.current);
    const arrived = messages.slice(from + 1);
    lastSeen.current = messages.at(-1)?.id ?? null;
    if (arrived.length === 0) return;
    if (arrived.some((message) => message.author.id === readerId)) {
      setCount(0);
      bringDown();
    } else if (away) setCount((previous) => previous + arrived.length);
  }, [messages, away, readerId, bringDown]);
  useEffect(() => {
    if (!away) setCount(0);
  }, [away]);
  return count;
}
