// The personal "notify me of mentions" switch, kept in localStorage per
// person, and the browser side of notifications: asking permission (only when
// the person turns the switch on) and showing one.

import type { NotificationEnvironment } from "./notifications.ts";
import { Observable } from "./observable.ts";

export type PermissionOutcome = "granted" | "denied" | "unsupported";

function supported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

export class NotificationSettings {
  readonly enabled: Observable<boolean>;
  private readonly key: string;

  constructor(userId: string) {
    this.key = `openvibe:${userId}:notify-mentions`;
    const stored = localStorage.getItem(this.key) === "on";
    this.enabled = new Observable(stored && supported() && Notification.permission === "granted");
  }

  /** Asks the browser for permission, then turns the switch on if it was granted. */
  async enable(): Promise<PermissionOutcome> {
    if (!supported()) return "unsupported";
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return "denied";
    localStorage.setItem(this.key, "on");
    this.enabled.set(true);
    return "granted";
  }

  disable(): void {
    localStorage.removeItem(this.key);
    this.enabled.set(false);
  }
}

/** Notifications through the browser; clicking one focuses the tab and opens the thread. */
export function browserNotifications(
  settings: NotificationSettings,
  open: (place: { channelId: string; threadId: string; messageId: string }) => void,
): NotificationEnvironment {
  return {
    enabled: () => settings.enabled.get() && supported() && Notification.permission === "granted",
    tabHidden: () => document.visibilityState === "hidden",
    show: ({ channelId, threadId, title, message }) => {
      const notification = new Notification(`Mentioned in ${title}`, {
        body: message.body.slice(0, 200),
        tag: message.id,
      });
      notification.onclick = () => {
        window.focus();
        open({ channelId, threadId, messageId: message.id });
        notification.close();
      };
    },
  };
}
