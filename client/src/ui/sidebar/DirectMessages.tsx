// The sidebar's direct messages: each conversation named by the others in it, with its unread
// and mention counts, and starting one (not for guests).
import type { ChannelView } from "@openvibe/schema";
import type { ReactNode } from "react";
import { directMessageName } from "../../state/channel-label.ts";
import { useObservable } from "../../state/observable.ts";
import { useUnread } from "../attention/context.ts";
import { Link } from "../Link.tsx";
import { useServices, useSignedIn } from "../services.tsx";
import { UnreadBadges } from "./Badges.tsx";
import { NewDirectMessage } from "./NewDirectMessage.tsx";

export function DirectMessages({
  conversations,
  currentChannelId,
}: {
  conversations: readonly ChannelView[];
  currentChannelId: string | null;
}): ReactNode {
  const { store } = useServices();
  const { me } = useSignedIn();
  const people = useObservable(store.people);
  const unread = useUnread();
  return (
    <>
      <h2>Direct messages</h2>
      <ul aria-label="Direct messages">
        {conversations.map((channel) => {
          const current = channel.id === currentChannelId;
          const counts = unread.get(channel.id);
          return (
            <li key={channel.id} className={current ? "current" : undefined}>
              <Link to={{ screen: "channel", channelId: channel.id }} current={current}>
                {directMessageName(channel, people, me.id)}{" "}
                <UnreadBadges
                  unread={counts?.unread ?? 0}
                  mentions={counts?.mentions ?? 0}
                  more={counts?.more ?? false}
                />
              </Link>
            </li>
          );
        })}
      </ul>
      {me.role !== "guest" && <NewDirectMessage />}
    </>
  );
}
