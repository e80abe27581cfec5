// Pushes new messages to people with no tab open: a message that mentions them, or any message
// in a direct message they are in (push/push-recipients.ts). A projection run once per turn by
// MessageProjections, and a Hocuspocus extension only to know who has a tab open.
// Only news counts: messages a peer just sent, written by hand within the late-arrival
// threshold (an offline backlog syncing in is not pushed), or an agent reply that just
// finished; never content the server loads. Each person gets at most one push per window.
import type { Extension, Hocuspocus, onConfigurePayload } from "@hocuspocus/server";
import {
  FINAL_TASK_STATUSES,
  LATE_ARRIVAL_THRESHOLD_MS,
  type PushNotification,
  stampWallTime,
  type Writer,
} from "@openvibe/schema";
import { type ChannelRecord, getChannel } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import { messageNotification } from "../push/message-notification.ts";
import { PushCoalescer } from "../push/push-coalescer.ts";
import { pushRecipients } from "../push/push-recipients.ts";
import type { PushSender } from "../push/push-sender.ts";
import type {
  ChannelMessageBatch,
  MessageArrival,
  MessageProjection,
} from "./message-projections.ts";
import { hasOpenConnection } from "./people-online.ts";
import { writersOf } from "./writer-of.ts";

/** The shortest time between two pushes to one person. */
export const PUSH_WINDOW_MS = 5_000;

export interface PushNotificationsOptions {
  ctx: AppContext;
  logger: Logger;
  sender: PushSender;
}

export class PushNotifications implements Extension, MessageProjection {
  readonly extensionName = "openvibe-push-notifications";
  readonly projectionName = "push notifications";
  private readonly options: PushNotificationsOptions;
  private readonly coalescer: PushCoalescer;
  private instance: Hocuspocus | null = null;
  /** Whether each channel seen is a direct message (a channel's visibility never changes). */
  private readonly direct = new Map<string, boolean>();

  constructor(options: PushNotificationsOptions) {
    this.options = options;
    this.coalescer = new PushCoalescer(PUSH_WINDOW_MS, (userId, notification) =>
      this.deliver(userId, notification),
    );
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  /** Drops what waits for its window; deliveries already started go on (see `settled`). */
  stop(): void {
    this.coalescer.stop();
  }

  /** Resolves once every delivery started so far has ended. */
  settled(): Promise<void> {
    return this.options.sender.settled();
  }

  project(batch: ChannelMessageBatch): void {
    const writers = writersOf(this.options.ctx);
    // Read once per batch, and only when some message is news.
    let channel: { record: ChannelRecord | undefined } | undefined;
    const channelOnce = () => {
      channel ??= { record: getChannel(this.options.ctx, batch.channelId) };
      return channel.record;
    };
    const news: [string, MessageArrival, number | null][] = [];
    for (const [id, arrival] of batch.added) news.push([id, arrival, arrival.receivedAt]);
    for (const [id, arrival] of batch.mentionsChanged) news.push([id, arrival, null]);
    for (const [messageId, { origin }, receivedAt] of news) {
      // The server's own changes (loading, set-up, records it adds) are never news.
      const writer = writers(origin);
      if (writer === undefined) continue;
      try {
        this.consider(batch, messageId, writer, receivedAt, channelOnce);
      } catch (error) {
        this.options.logger.error(
          { err: error, channelId: batch.channelId },
          "could not send push notifications",
        );
      }
    }
  }

  /** `receivedAt`: when a new message arrived; null for an existing one whose mentions changed. */
  private consider(
    batch: ChannelMessageBatch,
    messageId: string,
    writer: Writer,
    receivedAt: number | null,
    channelOnce: () => ChannelRecord | undefined,
  ): void {
    const facts = batch.mentionFacts(messageId);
    const message = batch.message(messageId);
    if (facts === undefined || message === undefined || message.deleted) return;
    if (!writer.actsAs(message.author.id)) return;
    if (!this.isNews(facts.taskStatus, message.createdAt, receivedAt)) return;
    // Most messages mention no one and are not in a direct message: nobody to push to.
    if (message.mentions.length === 0 && this.direct.get(batch.channelId) === false) return;
    const channel = channelOnce();
    if (channel === undefined) return;
    this.direct.set(channel.id, channel.visibility === "direct");
    const recipients = pushRecipients(this.options.ctx, channel, {
      authorId: message.author.id,
      mentions: message.mentions,
    });
    if (recipients.length === 0) return;
    const notification = messageNotification(this.options.ctx, channel, {
      id: message.id,
      threadId: message.threadId,
      forkId: message.forkId,
      authorId: message.author.id,
      body: message.body,
    });
    for (const recipient of recipients) this.coalescer.offer(recipient.id, notification);
  }

  /** A message written by hand that just arrived fresh, or an agent reply that just finished. */
  private isNews(taskStatus: string | null, createdAt: string, receivedAt: number | null): boolean {
    if (taskStatus !== null) {
      return receivedAt === null && (FINAL_TASK_STATUSES as readonly string[]).includes(taskStatus);
    }
    if (receivedAt === null) return false;
    const writtenAt = stampWallTime(createdAt);
    return writtenAt !== undefined && receivedAt - writtenAt <= LATE_ARRIVAL_THRESHOLD_MS;
  }

  /** Sends now unless the person has a tab open; says whether it sent. */
  private deliver(userId: string, notification: PushNotification): boolean {
    if (this.instance === null || hasOpenConnection(this.instance, userId)) return false;
    this.options.sender.send(userId, notification);
    return true;
  }
}
