// Browser notifications for mentions while the tab is hidden. The decision is
// a pure function (tested); the notifier feeds it the unread tracker's new
// mentions and shows each at most once. Permission is asked only from the
// preferences toggle, never on load.
import type { MessageView, Stamp } from "@openvibe/schema";
import { mentionsReader, type Reader } from "./unread.ts";
import type { UnreadTracker, UnreadUpdate } from "./unread-tracker.ts";

export interface NotificationFacts {
  /** The person turned notifications on (and the browser granted permission). */
  enabled: boolean;
  tabHidden: boolean;
  reader: Reader;
  /** The read position of the message's thread. */
  readStamp: Stamp | null;
  alreadyNotified: boolean;
}

export function shouldNotify(message: MessageView, facts: NotificationFacts): boolean {
  if (!facts.enabled || !facts.tabHidden || facts.alreadyNotified || message.deleted) return false;
  if (!mentionsReader(message, facts.reader)) return false;
  return facts.readStamp === null || message.createdAt > facts.readStamp;
}

export interface NotificationEnvironment {
  enabled(): boolean;
  tabHidden(): boolean;
  show(entry: { channelId: string; threadId: string; title: string; message: MessageView }): void;
}

/** Shows a notification for each mention that is news (not in the first, local read of a channel). */
export class MentionNotifier {
  private readonly notified = new Set<string>();
  private readonly tracker: Pick<UnreadTracker, "onUpdate" | "reader">;
  private readonly environment: NotificationEnvironment;
  private readonly stop: () => void;

  constructor(
    tracker: Pick<UnreadTracker, "onUpdate" | "reader">,
    environment: NotificationEnvironment,
  ) {
    this.tracker = tracker;
    this.environment = environment;
    this.stop = tracker.onUpdate((update) => this.consider(update));
  }

  private consider({ channelId, unread, initial }: UnreadUpdate): void {
    for (const thread of unread.threads) {
      for (const message of thread.mentions) {
        const facts: NotificationFacts = {
          enabled: this.environment.enabled(),
          tabHidden: this.environment.tabHidden(),
          reader: this.tracker.reader,
          readStamp: thread.readStamp,
          alreadyNotified: initial || this.notified.has(message.id),
        };
        this.notified.add(message.id);
        if (!shouldNotify(message, facts)) continue;
        this.environment.show({
          channelId,
          threadId: thread.threadId,
          title: thread.title,
          message,
        });
      }
    }
  }

  destroy(): void {
    this.stop();
  }
}
