// Recent messages mentioning the person, across the channels held in this
// browser, newest first; each opens its thread at the message.
import { type ReactNode, useMemo } from "react";
import { useObservable } from "../../state/observable.ts";
import type { MentionEntry } from "../../state/unread-tracker.ts";
import { MessageAnchor } from "../MessageAnchor.tsx";
import { StampTime } from "../StampTime.tsx";
import { usePeopleById, useServices } from "../services.tsx";
import { useAttention, useUnread } from "./context.ts";

function MentionItem({ entry, channelName }: { entry: MentionEntry; channelName: string }) {
  const people = usePeopleById();
  const { message } = entry;
  const author = people.get(message.author.id)?.displayName ?? message.author.id;
  const address = {
    channelId: entry.channelId,
    threadId: entry.threadId,
    forkId: null,
    messageId: message.id,
  };
  return (
    <li className={entry.unread ? "mention unread" : "mention"}>
      <MessageAnchor address={address}>
        #{channelName} › {entry.threadTitle}
      </MessageAnchor>{" "}
      <span className="author">{author}</span> <StampTime stamp={message.createdAt} />
      {entry.unread && <span className="badge">unread</span>}
      <p className="excerpt">{message.body.slice(0, 300)}</p>
    </li>
  );
}

export function MentionsView(): ReactNode {
  const attention = useAttention();
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const unread = useUnread();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the unread state changes
  const entries = useMemo(() => attention?.tracker.mentions() ?? [], [attention, unread]);
  const names = new Map(channels.map((channel) => [channel.id, channel.name]));
  return (
    <section className="mentions" aria-labelledby="mentions-title">
      <h1 id="mentions-title">Mentions</h1>
      {entries.length === 0 && <p className="empty">No one has mentioned you yet.</p>}
      <ol className="plain-list" aria-label="Mentions">
        {entries.map((entry) => (
          <MentionItem
            key={entry.message.id}
            entry={entry}
            channelName={names.get(entry.channelId) ?? entry.channelId}
          />
        ))}
      </ol>
    </section>
  );
}
