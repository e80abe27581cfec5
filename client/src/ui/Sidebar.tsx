// The channel sidebar: joined channels (public "#", private lock) and the
// public channels one may browse and join.
import type { ChannelView } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { api } from "../api/endpoints.ts";
import { ApiError, OfflineError } from "../api/http.ts";
import { useObservable } from "../state/observable.ts";
import { Link } from "./Link.tsx";
import { navigate } from "./navigation.ts";
import { useServices } from "./services.tsx";

function ChannelIcon({ channel }: { channel: ChannelView }): ReactNode {
  return channel.visibility === "private" ? (
    <span className="icon" role="img" aria-label="private">
      🔒
    </span>
  ) : (
    <span className="icon" role="img" aria-label="public">
      #
    </span>
  );
}

export function Sidebar({ currentChannelId }: { currentChannelId: string | null }): ReactNode {
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const [browsing, setBrowsing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const joined = channels.filter((channel) => channel.joined && !channel.archived);
  const joinable = channels.filter((channel) => !channel.joined && !channel.archived);

  const join = async (channel: ChannelView) => {
    try {
      await store.putChannel(await api.joinChannel(channel.id));
      setError(null);
      navigate({ screen: "channel", channelId: channel.id });
    } catch (caught) {
      if (caught instanceof OfflineError) setError("Joining a channel needs the network.");
      else if (caught instanceof ApiError) setError(caught.message);
      else throw caught;
    }
  };

  return (
    <nav className="sidebar" aria-label="Channels">
      <h2>Channels</h2>
      <ul>
        {joined.map((channel) => (
          <li key={channel.id} className={channel.id === currentChannelId ? "current" : undefined}>
            <Link to={{ screen: "channel", channelId: channel.id }}>
              <ChannelIcon channel={channel} /> {channel.name}
            </Link>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setBrowsing(!browsing)} aria-expanded={browsing}>
        Browse channels
      </button>
      {browsing && (
        <ul className="browse" aria-label="Channels to join">
          {joinable.length === 0 && <li>No other channels.</li>}
          {joinable.map((channel) => (
            <li key={channel.id}>
              <ChannelIcon channel={channel} /> {channel.name}{" "}
              <button type="button" onClick={() => void join(channel)}>
                Join
              </button>
            </li>
          ))}
        </ul>
      )}
      {error !== null && <p className="error">{error}</p>}
    </nav>
  );
}
