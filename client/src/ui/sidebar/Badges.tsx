// Unread and mention counts, with words for screen readers.
import type { ReactNode } from "react";

export interface BadgeCounts {
  unread: number;
  mentions: number;
}

export function UnreadBadges({ unread, mentions }: BadgeCounts): ReactNode {
  return (
    <>
      {mentions > 0 && (
        <span className="mention-count">
          @{mentions}
          <span className="visually-hidden"> {mentions === 1 ? "mention" : "mentions"}</span>
        </span>
      )}{" "}
      {unread > 0 && (
        <span className="unread-count">
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </>
  );
}
