// Web push: the routes under /api/push (the server's VAPID public key, the caller's browser
// subscriptions) and the notification a push carries to the service worker.
import { z } from "zod";
import { plainTextOfMarkdown } from "../plain-text.ts";

/** A base64url string (no padding) of exactly `bytes` bytes. */
function base64Url(bytes: number, what: string) {
  return z
    .string()
    .length(Math.ceil((bytes * 4) / 3), `${what} is ${bytes} bytes in base64url`)
    .regex(/^[A-Za-z0-9_-]+$/, `${what} is base64url without padding`);
}

/** Longest push service endpoint accepted (browsers' are a few hundred characters). */
export const MAX_PUSH_ENDPOINT_LENGTH = 2048;

/** What `PushSubscription.toJSON()` gives in a browser: POST /api/push/subscriptions. */
export const pushSubscriptionRequest = z.strictObject({
  endpoint: z
    .url({ protocol: /^https$/, error: "the endpoint is the push service's https URL" })
    .max(
      MAX_PUSH_ENDPOINT_LENGTH,
      `an endpoint has at most ${MAX_PUSH_ENDPOINT_LENGTH} characters`,
    ),
  /** Ignored: a push service answers 404 or 410 once a subscription expired. */
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key, uncompressed (65 bytes, first 0x04). */
    p256dh: base64Url(65, "keys.p256dh").startsWith(
      "B",
      "keys.p256dh is an uncompressed P-256 key",
    ),
    auth: base64Url(16, "keys.auth"),
  }),
});

/** DELETE /api/push/subscriptions: forget one of the caller's subscriptions. */
export const deletePushSubscriptionRequest = z.strictObject({
  endpoint: z.string().min(1).max(MAX_PUSH_ENDPOINT_LENGTH),
});

export type PushSubscriptionRequest = z.infer<typeof pushSubscriptionRequest>;
export type DeletePushSubscriptionRequest = z.infer<typeof deletePushSubscriptionRequest>;

/** GET /api/push/key. */
export const pushKeyView = z.strictObject({
  /** The server's VAPID public key (base64url), the browser's `applicationServerKey`. */
  publicKey: base64Url(65, "publicKey"),
});

export type PushKeyView = z.infer<typeof pushKeyView>;

/** What one push carries, encrypted, to the service worker. */
export const pushNotification = z.strictObject({
  /** Who wrote where: "Ada in #general", "Ada (direct message)". */
  title: z.string().min(1).max(200),
  /** The start of the message, as plain text. */
  body: z.string().max(300),
  /** The message's path on the server's origin (a `?m=` link). */
  url: z.string().startsWith("/"),
});

export type PushNotification = z.infer<typeof pushNotification>;

/** Most characters of a message a notification shows. */
export const NOTIFICATION_EXCERPT_CHARS = 140;

/** The start of a message as a notification shows it: plain text on one line. */
export function notificationExcerpt(markdown: string): string {
  const text = plainTextOfMarkdown(markdown).replace(/\s+/g, " ").trim();
  return text.length <= NOTIFICATION_EXCERPT_CHARS
    ? text
    : `${text.slice(0, NOTIFICATION_EXCERPT_CHARS - 1)}…`;
}
