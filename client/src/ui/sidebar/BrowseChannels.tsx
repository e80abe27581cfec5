// Public channels one may join.
import type { ChannelView } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { api } from "../../api/endpoints.ts";
import { useObservable } from "../../state/observable.ts";
import { useApiAction } from "../forms/api-action.ts";
import { ActionError } from "../forms/Field.tsx";
import { navigate } from "../navigation.ts";
import { useServices } from "../services.tsx";
import { ChannelIcon } from "./ChannelIcon.tsx";

export function BrowseChannels(): ReactNode {
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const [browsing, setBrowsing] = useState(false);
  const action = useApiAction();
  const joinable = channels.filter((channel) => !channel.joined && !channel.archived);

  const join = async (channel: ChannelView) => {
    const joined = await action.run(() => api.joinChannel(channel.id));
    if (joined === undefined) return;
    await store.putChannel(joined);
    navigate({ screen: "channel", channelId: channel.id });
  };

  return (
    <>
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
      <ActionError action={action} />
    </>
  );
}
