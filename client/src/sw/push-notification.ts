// What the service worker does with a push: read the notification the server sent (checked
// here by hand: the worker imports nothing the app shares, or the build would split a chunk
// out of it that a classic worker cannot load), and where a click on it leads.
import type { PushNotification } from "@openvibe/schema";

/** The icon every notification shows (made at build time, see build/app-icons.ts). */
export const NOTIFICATION_ICON = "/icons/icon-192.png";

/** The notification a push carries; null when the data is not one. */
export function readPushNotification(data: string | undefined): PushNotification | null {
  if (data === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { title, body, url } = value as Record<string, unknown>;
  if (typeof title !== "string" || title === "") return null;
  if (typeof body !== "string" || typeof url !== "string" || !url.startsWith("/")) return null;
  return { title, body, url };
}

/** The page a click opens: `url` on the worker's own origin; null if it would leave it. */
export function notificationTarget(url: unknown, origin: string): string | null {
  if (typeof url !== "string") return null;
  const target = new URL(url, origin);
  return target.origin === origin ? target.href : null;
}
