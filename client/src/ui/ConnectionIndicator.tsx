// The connection state and the local changes the server has not yet
// acknowledged, and the threads among them that the server refused because their channel holds
// the most threads it allows (they are not syncing); shown on every signed-in screen.
import type { ReactNode } from "react";
import { useObservable } from "../state/observable.ts";
import type { ConnectionState } from "../sync/connection-state.ts";
import { useSignedIn } from "./services.tsx";

const LABELS: Record<ConnectionState, string> = {
  online: "Online",
  connecting: "Connecting…",
  offline: "Offline",
};

export function ConnectionIndicator(): ReactNode {
  const { replicas } = useSignedIn();
  const state = useObservable(replicas.socket.state);
  const unsynced = useObservable(replicas.unsynced);
  const channelFull = useObservable(replicas.channelFull);
  return (
    <output className={`connection connection-${state}`} aria-live="polite" data-state={state}>
      <span className="dot" aria-hidden="true" />
      <span className="state">{LABELS[state]}</span>
      <span className="unsynced" data-count={unsynced}>
        {unsynced === 0 ? "all synced" : `${unsynced} unsynced`}
      </span>
      {channelFull > 0 && (
        <span className="channel-full" data-count={channelFull}>
          {channelFull === 1 ? "1 thread" : `${channelFull} threads`} refused: channel full
        </span>
      )}
    </output>
  );
}
