// "Next unread": opens the next thread with unread messages, through the
// joined channels in sidebar order. Bind it to a key (Alt+Shift+ArrowDown).
import { useCallback } from "react";
import { useObservable } from "../../state/observable.ts";
import { nextUnread } from "../../state/unread.ts";
import { useUnread } from "../attention/context.ts";
import { navigate, useRoute } from "../navigation.ts";
import { useServices } from "../services.tsx";

export const NEXT_UNREAD_SHORTCUT = "Alt+Shift+ArrowDown";

/** A function that opens the next unread thread; false when nothing else is unread. */
export function useNextUnread(): () => boolean {
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const unread = useUnread();
  const route = useRoute();
  const channelId =
    route.screen === "thread" || route.screen === "channel" ? route.channelId : null;
  const threadId = route.screen === "thread" ? route.threadId : "";
  return useCallback(() => {
    const order = channels.filter((c) => c.joined && !c.archived).map((c) => c.id);
    const current = channelId === null ? null : { channelId, threadId };
    const next = nextUnread(order, unread, current);
    if (next === null) return false;
    navigate({ screen: "thread", ...next, forkId: null });
    return true;
  }, [channels, unread, channelId, threadId]);
}
