// The home screen: people land in the first of the workspace's default channels they belong
// to (newcomers joined them with their invite); without one, it asks them to pick a channel.
import { type ReactNode, useEffect } from "react";
import { useObservable } from "../state/observable.ts";
import { navigate } from "./navigation.ts";
import { useServices } from "./services.tsx";

export function Home(): ReactNode {
  const { store } = useServices();
  const workspace = useObservable(store.workspace);
  const channels = useObservable(store.channels);
  const landing = workspace?.settings.defaultChannelIds.find((id) =>
    channels.some((channel) => channel.id === id && channel.joined && !channel.archived),
  );
  useEffect(() => {
    if (landing !== undefined)
      navigate({ screen: "channel", channelId: landing }, { replace: true });
  }, [landing]);
  return <p className="empty">Pick a channel, or browse and join one.</p>;
}
