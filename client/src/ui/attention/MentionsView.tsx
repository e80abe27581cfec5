// Recent messages mentioning the person, newest first: the server's mentions inbox (every channel
// they can read, whether or not this browser holds it; the last copy is kept for offline use)
// joined with the mentions in the channels held here. Each opens its thread at the message.
import { type ReactNode, useCallback, useEffect, useMemo } from "react";
import { api } from "../../api/endpoints.ts";
import { channelLabel } from "../../state/channel-label.ts";
import { type InboxEntry, mergeMentions } from "../../state/mentions-inbox.ts";
import { useObservable } from "../../state/observable.ts";
import { useCachedQuery } from "../forms/cached-query.ts";
import { MessageAnchor } from "../MessageAnchor.tsx";
import { StampTime } from "../StampTime.tsx";
import { usePeopleById, useServices, useSignedIn } from "../services.tsx";
import { useAttention, useUnread } from "./context.ts";

/** Mentions fetched from the server when the view opens. */
const INBOX_PAGE = 100;

/** `channelLabel`: "#name", or a direct message's people. */
function MentionItem({ entry, channelLabel }: { entry: InboxEntry; channelLabel: string }) {
  const people = usePeopleById();
  const author = people.get(entry.author.id)?.displayName ?? entry.author.id;
  const address = {
    channelId: entry.channelId,
    threadId: entry.threadId,
    forkId: entry.forkId,
    messageId: entry.messageId,
  };
  return (
    <li className={entry.unread ? "mention unread" : "mention"}>
      <MessageAnchor address={address}>
        {channelLabel} › {entry.threadTitle}
      </MessageAnchor>{" "}
      <span className="author">{author}</span> <StampTime stamp={entry.createdAt} />
      {entry.unread && <span className="badge">unread</span>}
      <p className="excerpt">{entry.excerpt}</p>
    </li>
  );
}

export function MentionsView(): ReactNode {
  const attention = useAttention();
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const people = useObservable(store.people);
  const { me } = useSignedIn();
  const unread = useUnread();
  const loadInbox = useCallback(() => api.mentions(INBOX_PAGE), []);
  const inbox = useCachedQuery("mentions", loadInbox);
  let unreadMentions = 0;
  for (const channel of unread.values()) unreadMentions += channel.mentions;
  const { reload } = inbox;
  // A new mention arrived in a held channel: the server's inbox has it (and its neighbours) too.
  useEffect(() => {
    if (unreadMentions > 0) void reload();
  }, [unreadMentions, reload]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the unread state changes
  const entries = useMemo(() => {
    if (attention === null) return [];
    const { tracker } = attention;
    return mergeMentions(inbox.data?.mentions ?? [], tracker.mentions(), (place, createdAt) =>
      tracker.isUnreadAt(place, createdAt),
    );
  }, [attention, unread, inbox.data]);
  const labels = new Map<string, string>();
  for (const item of inbox.data?.mentions ?? []) labels.set(item.channelId, `#${item.channelName}`);
  for (const channel of channels) labels.set(channel.id, channelLabel(channel, people, me.id));
  return (
    <section className="mentions" aria-labelledby="mentions-title">
      <h1 id="mentions-title">Mentions</h1>
      {inbox.offline && (
        <p className="offline-notice" role="status">
          Offline: the server's mentions as last seen, and those in channels held here.
        </p>
      )}
      {entries.length === 0 && <p className="empty">No one has mentioned you yet.</p>}
      <ol className="plain-list" aria-label="Mentions">
        {entries.map((entry) => (
          <MentionItem
            key={entry.messageId}
            entry={entry}
            channelLabel={labels.get(entry.channelId) ?? `#${entry.channelId}`}
          />
        ))}
      </ol>
    </section>
  );
}
