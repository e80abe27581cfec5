// At most one push per person per window: the first notification of a burst goes at once; of
// the ones that follow within the window, the latest goes when the window ends (and opens the
// next window). `deliver` says whether it sent anything; nothing sent opens no window.
import type { PushNotification } from "@openvibe/schema";

interface Window {
  timer: NodeJS.Timeout;
  pending: PushNotification | null;
}

export class PushCoalescer {
  private readonly windows = new Map<string, Window>();
  private readonly windowMs: number;
  private readonly deliver: (userId: string, notification: PushNotification) => boolean;

  constructor(
    windowMs: number,
    deliver: (userId: string, notification: PushNotification) => boolean,
  ) {
    this.windowMs = windowMs;
    this.deliver = deliver;
  }

  offer(userId: string, notification: PushNotification): void {
    const open = this.windows.get(userId);
    if (open !== undefined) {
      open.pending = notification;
      return;
    }
    if (this.deliver(userId, notification)) this.open(userId);
  }

  /** Drops the notifications held back (the server is stopping). */
  stop(): void {
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  private open(userId: string): void {
    const timer = setTimeout(() => {
      const pending = this.windows.get(userId)?.pending ?? null;
      this.windows.delete(userId);
      if (pending !== null && this.deliver(userId, pending)) this.open(userId);
    }, this.windowMs);
    timer.unref();
    this.windows.set(userId, { timer, pending: null });
  }
}
