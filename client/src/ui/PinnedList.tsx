// A channel's pinned messages, from its index's digests (no thread document needed): each pin
// names its thread, who pinned it and when, and the message's text when this device holds the
// thread. A link opens the message in its thread.
import {
  getMessage,
  type Stamp,
  type ThreadIndexSummary,
  threadDocumentName,
} from "@openvibe/schema";
import type { ReactNode } from "react";
import { messageLink } from "./message-link.ts";
import { navigateToUrl } from "./navigation.ts";
import { StampTime } from "./StampTime.tsx";
import { usePeopleById, useSignedIn } from "./services.tsx";

/** How much of a held pinned message's text is shown (its Markdown, as text). */
const EXCERPT_CHARS = 200;

interface Pin {
  messageId: string;
  thread: ThreadIndexSummary;
  by: string;
  at: Stamp;
}

/** Every pin of the listed threads, the most recently pinned first. */
export function pinsOf(threads: readonly ThreadIndexSummary[]): Pin[] {
  return threads
    .flatMap((thread) =>
      (thread.digest?.pinned ?? []).map((pin) => ({
        messageId: pin.messageId,
        thread,
        by: pin.by.id,
        at: pin.at,
      })),
    )
    .sort((a, b) => (a.at < b.at ? 1 : -1));
}

export function PinnedList(props: {
  channelId: string;
  threads: readonly ThreadIndexSummary[];
}): ReactNode {
  const { channelId, threads } = props;
  const { replicas } = useSignedIn();
  const people = usePeopleById();
  const pins = pinsOf(threads);
  if (pins.length === 0) return <p className="empty">Nothing is pinned in this channel.</p>;
  return (
    <ul className="pinned-list" aria-label="Pinned messages">
      {pins.map(({ messageId, thread, by, at }) => {
        const held = replicas.find(threadDocumentName(channelId, thread.id));
        const text = held === undefined ? undefined : getMessage(held.doc, messageId)?.body;
        const address = { channelId, threadId: thread.id, forkId: null, messageId };
        return (
          <li key={messageId}>
            <a
              href={messageLink("", address)}
              onClick={(event) => {
                event.preventDefault();
                navigateToUrl(messageLink("", address));
              }}
            >
              {text === undefined ? `A message in ${thread.title}` : text.slice(0, EXCERPT_CHARS)}
            </a>
            <span className="meta">
              {" "}
              in {thread.title} · pinned by {people.get(by)?.displayName ?? by} ·{" "}
              <StampTime stamp={at} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
