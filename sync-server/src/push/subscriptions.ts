// Browsers' push subscriptions: saved by their owner, removed by their owner or when the push
// service says they are gone, and dropped after too many failed deliveries in a row.
import type { PushSubscriptionRequest } from "@openvibe/schema";
import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { pushSubscriptions } from "../db/schema.ts";

/** Failed deliveries in a row (other than 404/410) after which a subscription is dropped. */
export const MAX_CONSECUTIVE_FAILURES = 10;

export type PushSubscriptionRecord = typeof pushSubscriptions.$inferSelect;

/** Saves the subscription for `userId`; an endpoint already known now belongs to them. */
export function saveSubscription(
  ctx: AppContext,
  userId: string,
  { endpoint, keys }: PushSubscriptionRequest,
): void {
  const owned = { userId, p256dh: keys.p256dh, auth: keys.auth, consecutiveFailures: 0 };
  ctx.db
    .insert(pushSubscriptions)
    .values({ endpoint, ...owned, createdAt: ctx.now() })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: owned })
    .run();
}

/** Removes one of `userId`'s subscriptions; another's, or an unknown endpoint, stays as it is. */
export function deleteOwnSubscription(ctx: AppContext, userId: string, endpoint: string): void {
  ctx.db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)))
    .run();
}

export function subscriptionsOf(ctx: AppContext, userId: string): PushSubscriptionRecord[] {
  return ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).all();
}

export type DeliveryOutcome = "delivered" | "gone" | "failed";

/** Records how a delivery to `endpoint` went: gone (404/410) or failing too long removes it. */
export function recordDelivery(ctx: AppContext, endpoint: string, outcome: DeliveryOutcome): void {
  const row = eq(pushSubscriptions.endpoint, endpoint);
  if (outcome === "delivered") {
    ctx.db
      .update(pushSubscriptions)
      .set({ lastSuccessAt: ctx.now(), consecutiveFailures: 0 })
      .where(row)
      .run();
    return;
  }
  if (outcome === "failed") {
    ctx.db
      .update(pushSubscriptions)
      .set({ consecutiveFailures: sql`${pushSubscriptions.consecutiveFailures} + 1` })
      .where(row)
      .run();
  }
  ctx.db
    .delete(pushSubscriptions)
    .where(
      outcome === "gone"
        ? row
        : and(row, sql`${pushSubscriptions.consecutiveFailures} >= ${MAX_CONSECUTIVE_FAILURES}`),
    )
    .run();
}
