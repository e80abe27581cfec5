// What a channel or thread view shows once the server revoked this person's access to the
// channel (removed from it while it was open): the view closes, and says why.
import type { ReactNode } from "react";
import { useObservable } from "../state/observable.ts";
import { useServices } from "./services.tsx";

export function ChannelGone({ channelId }: { channelId: string }): ReactNode {
  const { store } = useServices();
  const channel = useObservable(store.channels).find((c) => c.id === channelId);
  const name = channel === undefined ? "this channel" : `#${channel.name}`;
  return (
    <p className="empty" role="status">
      You no longer have access to {name}.
    </p>
  );
}
