// Sends one notification to every push subscription of a person, with the server's VAPID keys
// (web-push encrypts it with aes128gcm for each browser). A 404 or 410 from the push service
// deletes that subscription. Deliveries in flight can be awaited (the server does, when it stops).
import type { PushNotification } from "@openvibe/schema";
import webPush from "web-push";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import { type DeliveryOutcome, recordDelivery, subscriptionsOf } from "./subscriptions.ts";
import type { VapidKeys } from "./vapid-keys.ts";

export interface PushSenderOptions {
  ctx: AppContext;
  logger: Logger;
  keys: VapidKeys;
  /** Who runs this server, for push services: an https: URL or a mailto: address. */
  subject: string;
}

/** How long a push service keeps a notification for a browser that is offline. */
const TIME_TO_LIVE_SECONDS = 24 * 60 * 60;
/** How long one delivery may take. */
const DELIVERY_TIMEOUT_MS = 10_000;

export class PushSender {
  private readonly options: PushSenderOptions;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: PushSenderOptions) {
    this.options = options;
  }

  /** Starts delivering `notification` to each of the person's subscriptions. */
  send(userId: string, notification: PushNotification): void {
    const payload = JSON.stringify(notification);
    for (const subscription of subscriptionsOf(this.options.ctx, userId)) {
      const delivery = this.deliver(subscription.endpoint, subscription, payload);
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  /** Resolves once every delivery started so far has ended (delivered or not). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async deliver(
    endpoint: string,
    keys: { p256dh: string; auth: string },
    payload: string,
  ): Promise<void> {
    const { ctx, logger, subject } = this.options;
    let outcome: DeliveryOutcome;
    try {
      await webPush.sendNotification(
        { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } },
        payload,
        {
          vapidDetails: { subject, ...this.options.keys },
          TTL: TIME_TO_LIVE_SECONDS,
          urgency: "high",
          timeout: DELIVERY_TIMEOUT_MS,
        },
      );
      outcome = "delivered";
    } catch (error) {
      const status = error instanceof webPush.WebPushError ? error.statusCode : null;
      outcome = status === 404 || status === 410 ? "gone" : "failed";
      // The endpoint's origin only: its path is the subscription's secret.
      logger.warn(
        { pushService: new URL(endpoint).origin, status, err: status === null ? error : undefined },
        outcome === "gone" ? "push subscription gone: removed" : "push delivery failed",
      );
    }
    try {
      recordDelivery(ctx, endpoint, outcome);
    } catch (error) {
      logger.error({ err: error }, "could not record a push delivery");
    }
  }
}
