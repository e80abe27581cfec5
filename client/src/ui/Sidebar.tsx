// The sidebar: mentions, preferences and (for admins) administration; the
// joined channels with unread and mention counts; next unread; creating,
// browsing and joining channels; direct messages.
import type { ReactNode } from "react";
import { isDirectMessage } from "../state/channel-label.ts";
import { useObservable } from "../state/observable.ts";
import { useUnread } from "./attention/context.ts";
import { Link } from "./Link.tsx";
import { SIDEBAR_ID } from "./layout/MenuButton.tsx";
import { useRoute } from "./navigation.ts";
import { useServices, useSignedIn } from "./services.tsx";
import { UnreadBadges } from "./sidebar/Badges.tsx";
import { BrowseChannels } from "./sidebar/BrowseChannels.tsx";
import { ChannelIcon } from "./sidebar/ChannelIcon.tsx";
import { DirectMessages } from "./sidebar/DirectMessages.tsx";
import { NewChannelForm } from "./sidebar/NewChannelForm.tsx";
import { NEXT_UNREAD_SHORTCUT, useNextUnread } from "./sidebar/next-unread.ts";

function Places(): ReactNode {
  const { me } = useSignedIn();
  const route = useRoute();
  const unread = useUnread();
  let mentions = 0;
  for (const channel of unread.values()) mentions += channel.mentions;
  return (
    <ul className="places">
      <li>
        <Link to={{ screen: "mentions" }} current={route.screen === "mentions"}>
          Mentions <UnreadBadges unread={0} mentions={mentions} />
        </Link>
      </li>
      <li>
        <Link to={{ screen: "preferences" }} current={route.screen === "preferences"}>
          Preferences
        </Link>
      </li>
      {me.role === "admin" && (
        <li>
          <Link to={{ screen: "admin", section: "members" }} current={route.screen === "admin"}>
            Administration
          </Link>
        </li>
      )}
    </ul>
  );
}

export function Sidebar({ currentChannelId }: { currentChannelId: string | null }): ReactNode {
  const { store } = useServices();
  const { me } = useSignedIn();
  const channels = useObservable(store.channels);
  const unread = useUnread();
  const goToNextUnread = useNextUnread();
  const route = useRoute();
  const shownChannelId = route.screen === "channel-settings" ? route.channelId : currentChannelId;
  const open = channels.filter((channel) => channel.joined && !channel.archived);
  const joined = open.filter((channel) => !isDirectMessage(channel));
  const conversations = open.filter(isDirectMessage);

  return (
    <nav className="sidebar" id={SIDEBAR_ID} aria-label="Channels">
      <Places />
      <button
        type="button"
        aria-keyshortcuts={NEXT_UNREAD_SHORTCUT}
        onClick={() => goToNextUnread()}
      >
        Next unread
      </button>
      <h2>Channels</h2>
      <ul>
        {joined.map((channel) => {
          const current = channel.id === shownChannelId;
          const counts = unread.get(channel.id);
          return (
            <li key={channel.id} className={current ? "current" : undefined}>
              <Link to={{ screen: "channel", channelId: channel.id }} current={current}>
                <ChannelIcon channel={channel} /> {channel.name}{" "}
                <UnreadBadges
                  unread={counts?.unread ?? 0}
                  mentions={counts?.mentions ?? 0}
                  more={counts?.more ?? false}
                />
              </Link>
              {current && (
                <Link to={{ screen: "channel-settings", channelId: channel.id }}>
                  <span aria-hidden="true">⚙</span>
                  <span className="visually-hidden">Channel settings</span>
                </Link>
              )}
            </li>
          );
        })}
      </ul>
      {me.role !== "guest" && <NewChannelForm />}
      <BrowseChannels />
      <DirectMessages conversations={conversations} currentChannelId={shownChannelId} />
    </nav>
  );
}
