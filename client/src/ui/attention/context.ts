// What the unread, mention and notification features share with the UI.
import { createContext, useContext } from "react";
import type { NotificationSettings } from "../../state/notifications-settings.ts";
import { Observable, useObservable } from "../../state/observable.ts";
import type { ChannelUnread } from "../../state/unread.ts";
import type { UnreadTracker } from "../../state/unread-tracker.ts";

export interface Attention {
  tracker: UnreadTracker;
  notifications: NotificationSettings;
}

export const AttentionContext = createContext<Attention | null>(null);

export function useAttention(): Attention | null {
  return useContext(AttentionContext);
}

const NOTHING_UNREAD = new Observable<ReadonlyMap<string, ChannelUnread>>(new Map());

/** Unread state by channel id (empty until the read positions are loaded). */
export function useUnread(): ReadonlyMap<string, ChannelUnread> {
  return useObservable(useAttention()?.tracker.state ?? NOTHING_UNREAD);
}
