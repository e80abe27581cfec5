// Hocuspocus extension that pushes new messages to people with no tab open: a message that
// mentions them, or any message in a direct message they are in (push/push-recipients.ts).
// Only news counts: messages a peer just sent, written by hand within the late-arrival
// threshold (an offline backlog syncing in is not pushed), or an agent reply that just
// finished; never content the server loads. Each person gets at most one push per window.
import type { Extension, Hocuspocus, onConfigurePayload } from "@hocuspocus/server";
import {
  FINAL_TASK_STATUSES,
  LATE_ARRIVAL_THRESHOLD_MS,
  observeChannelChanges,
  type PushNotification,
  readMentionFacts,
  readSearchableMessage,
  stampWallTime,
  type Writer,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { getChannel } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import { messageNotification } from "../push/message-notification.ts";
import { PushCoalescer } from "../push/push-coalescer.ts";
import { pushRecipients } from "../push/push-recipients.ts";
import type { PushSender } from "../push/push-sender.ts";
import { ChannelWatcher } from "./channel-watcher.ts";
import { senderOf } from "./connection-context.ts";
import { hasOpenConnection } from "./people-online.ts";
import { writerOf } from "./writer-of.ts";

/** The shortest time between two pushes to one person. */
export const PUSH_WINDOW_MS = 5_000;

export interface PushNotificationsOptions {
  ctx: AppContext;
  logger: Logger;
  sender: PushSender;
}

export class PushNotifications extends ChannelWatcher implements Extension {
  readonly extensionName = "openvibe-push-notifications";
  private readonly options: PushNotificationsOptions;
  private readonly coalescer: PushCoalescer;
  private instance: Hocuspocus | null = null;

  constructor(options: PushNotificationsOptions) {
    super();
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

  protected watch(document: Y.Doc, channelId: string): () => void {
    return observeChannelChanges(document, ({ origin, addedMessages, mentionsChanged }) => {
      const sender = senderOf(origin);
      // The server's own changes (loading, set-up, records it adds) are never news.
      if (sender === undefined) return;
      const writer = writerOf(this.options.ctx, sender);
      const receivedAt = this.options.ctx.now();
      // Runs inside Yjs's update handling: a throw here would break applying the peer's update.
      try {
        for (const id of addedMessages) this.consider(document, channelId, id, writer, receivedAt);
        for (const id of mentionsChanged) this.consider(document, channelId, id, writer, null);
      } catch (error) {
        this.options.logger.error({ err: error, channelId }, "could not send push notifications");
      }
    });
  }

  /** `receivedAt`: when a new message arrived; null for an existing one whose mentions changed. */
  private consider(
    doc: Y.Doc,
    channelId: string,
    messageId: string,
    writer: Writer,
    receivedAt: number | null,
  ): void {
    const facts = readMentionFacts(doc, messageId);
    const message = readSearchableMessage(doc, messageId);
    if (facts === undefined || message === undefined || message.deleted) return;
    if (!writer.actsAs(message.author.id)) return;
    if (!this.isNews(facts.taskStatus, message.createdAt, receivedAt)) return;
    const channel = getChannel(this.options.ctx, channelId);
    if (channel === undefined) return;
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
