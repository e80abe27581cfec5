// Starts the unread tracker (read positions, every joined channel held and
// watched), mention notifications and the theme for the signed-in person, and
// tells the tracker which thread is on screen. Read positions sync with the
// server for the person's other devices. The joined channels' documents open
// after the first screen (first-screen.ts): twenty local copies read, or created
// on a fresh profile, before it kept the channel on screen waiting.
import { type ReactNode, useEffect, useState } from "react";
import { api } from "../../api/endpoints.ts";
import { MentionNotifier } from "../../state/notifications.ts";
import { browserNotifications, NotificationSettings } from "../../state/notifications-settings.ts";
import { useObservable } from "../../state/observable.ts";
import { applyTheme, effectiveTheme, personalTheme } from "../../state/theme.ts";
import { ReadPositionStore } from "../../state/unread-positions.ts";
import { ReadPositionSync } from "../../state/unread-sync.ts";
import { UnreadTracker } from "../../state/unread-tracker.ts";
import { openMessage } from "../message-link.ts";
import type { Route } from "../routes.ts";
import { useServices, useSignedIn } from "../services.tsx";
import { useAfterFirstScreen } from "../use-after-first-screen.ts";
import { type Attention, AttentionContext } from "./context.ts";

/** How many of the newest mentions count for threads whose documents are not held here. */
const MENTIONS_FOR_COUNTS = 100;

function useStartAttention(): Attention | null {
  const { replicas, me } = useSignedIn();
  const [attention, setAttention] = useState<Attention | null>(null);
  useEffect(() => {
    const positions = new ReadPositionStore(me.id);
    const remote = { list: api.readPositions, put: api.putReadPositions };
    const sync = new ReadPositionSync(positions, remote, replicas.socket.state);
    let started: { tracker: UnreadTracker; notifier: MentionNotifier } | null = null;
    let cancelled = false;
    const start = () => {
      if (cancelled) return;
      const reader = { id: me.id, handle: me.handle };
      const loadMentions = async () => (await api.mentions(MENTIONS_FOR_COUNTS)).mentions;
      const tracker = new UnreadTracker(replicas, positions, reader, loadMentions);
      const notifications = new NotificationSettings(me.id);
      const notifier = new MentionNotifier(
        tracker,
        browserNotifications(notifications, (place) => openMessage({ forkId: null, ...place })),
      );
      started = { tracker, notifier };
      sync.start();
      setAttention({ tracker, notifications });
    };
    positions.load().then(start, (error: unknown) => {
      // Closing the store while it loads (an unmount) is expected; anything else is not.
      if (!cancelled) reportError(error);
    });
    return () => {
      cancelled = true;
      sync.destroy();
      started?.notifier.destroy();
      started?.tracker.destroy();
      positions.close();
      setAttention(null);
    };
  }, [replicas, me.id, me.handle]);
  return attention;
}

function useWatchJoinedChannels(attention: Attention | null): void {
  const { store } = useServices();
  const { replicas } = useSignedIn();
  const channels = useObservable(store.channels);
  const channelsKnown = useObservable(store.channelsKnown);
  const afterFirstScreen = useAfterFirstScreen();
  // A replaced replica (after a refused write) is watched in place of the old one.
  const generation = useObservable(replicas.generation);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation counts replacements
  useEffect(() => {
    if (!afterFirstScreen || !channelsKnown) return;
    const joined = channels.filter((channel) => channel.joined && !channel.archived);
    attention?.tracker.watch(joined);
  }, [attention, channels, channelsKnown, generation, afterFirstScreen]);
}

function useViewing(attention: Attention | null, route: Route): void {
  const channelId = route.screen === "thread" ? route.channelId : null;
  const threadId = route.screen === "thread" ? route.threadId : null;
  useEffect(() => {
    if (attention === null) return;
    const { tracker } = attention;
    tracker.setViewing(channelId === null || threadId === null ? null : { channelId, threadId });
    const onVisibility = () => tracker.visibilityChanged();
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [attention, channelId, threadId]);
}

function useTheme(): void {
  const { store } = useServices();
  const workspace = useObservable(store.workspace);
  const personal = useObservable(personalTheme());
  const theme = effectiveTheme(personal, workspace?.settings.theme);
  useEffect(() => applyTheme(theme), [theme]);
}

export function AttentionProvider({ route, children }: { route: Route; children: ReactNode }) {
  const attention = useStartAttention();
  useWatchJoinedChannels(attention);
  useViewing(attention, route);
  useTheme();
  return <AttentionContext.Provider value={attention}>{children}</AttentionContext.Provider>;
}
