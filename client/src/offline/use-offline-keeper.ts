// The offline keeper of the signed-in person (offline-keeper.ts), for the shell: it follows the
// joined channels (from the first screen on: first-screen.ts), never closes the thread on
// screen, and runs until the person signs out.
// Whether a thread reads offline: `heldDocumentsOf(userId).holds(channelId, threadId)` (or its
// `names` observable).
import { threadDocumentName } from "@openvibe/schema";
import { useEffect, useRef, useState } from "react";
import { localDatabase } from "../local/database.ts";
import { useObservable } from "../state/observable.ts";
import type { WorkspaceStore } from "../state/workspace-store.ts";
import { KeptCopies } from "../sync/refused/kept-copies.ts";
import { mayWriteChannel } from "../sync/refused/write-permission.ts";
import type { ReplicaRegistry } from "../sync/replicas.ts";
import type { Route } from "../ui/routes.ts";
import { useAfterFirstScreen } from "../ui/use-after-first-screen.ts";
import { heldDocumentsOf } from "./local-document.ts";
import { OfflineKeeper } from "./offline-keeper.ts";
import { OfflineSettings } from "./offline-settings.ts";

let settings: OfflineSettings | null = null;

/** This device's offline settings (one per page). */
export function offlineSettings(): OfflineSettings {
  settings ??= new OfflineSettings();
  return settings;
}

export function useOfflineKeeper(
  replicas: ReplicaRegistry | null,
  store: WorkspaceStore,
  userId: string,
  route: Route,
): void {
  const onScreen = useRef<string | null>(null);
  onScreen.current =
    route.screen === "thread" ? threadDocumentName(route.channelId, route.threadId) : null;
  const channels = useObservable(store.channels);
  const channelsKnown = useObservable(store.channelsKnown);
  const [keeper, setKeeper] = useState<OfflineKeeper | null>(null);
  const afterFirstScreen = useAfterFirstScreen();
  useEffect(() => {
    if (replicas === null) return;
    const started = new OfflineKeeper({
      userId,
      replicas,
      held: heldDocumentsOf(userId),
      settings: offlineSettings(),
      copies: new KeptCopies(localDatabase, userId),
      isOnScreen: (name) => name === onScreen.current,
      mayWrite: mayWriteChannel,
    });
    setKeeper(started);
    return () => {
      setKeeper(null);
      started.destroy();
    };
  }, [replicas, userId]);
  useEffect(() => {
    if (!afterFirstScreen || !channelsKnown) return;
    const joined = channels.filter((channel) => channel.joined && !channel.archived);
    keeper?.watch(joined.map((channel) => channel.id));
  }, [channels, channelsKnown, keeper, afterFirstScreen]);
}
