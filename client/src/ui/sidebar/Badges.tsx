// Unread and mention counts, with words for screen readers.
import type { ReactNode } from "react";

export interface BadgeCounts {
  unread: number;
  mentions: number;
  /** There may be more unread than `unread` (shown "20+"). */
  more?: boolean;
}

export function UnreadBadges({ unread, mentions, more = false }: BadgeCounts): ReactNode {
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
          {more ? `${unread}+` : unread}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </>
  );
}
