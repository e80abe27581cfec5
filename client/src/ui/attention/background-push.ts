// Web push on this device: subscribe the service worker's registration with the server's VAPID
// key and give the subscription to the server (which pushes mentions and direct messages while
// no tab is open), or unsubscribe and tell the server to forget it. Needs the built app (the
// service worker) and a browser with a push service.
import { pushSubscriptionRequest } from "@openvibe/schema";
import { pushApi } from "../../api/push-endpoints.ts";

export type BackgroundPushOutcome = "enabled" | "denied" | "unsupported" | "no-push-service";

/**
 * How long subscribing may take. Where the browser cannot reach its push service (a network
 * that blocks it), PushManager.subscribe never settles.
 */
export const SUBSCRIBE_DEADLINE_MS = 20_000;

function withinDeadline<T>(promise: Promise<T>): Promise<T | "timed out"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), SUBSCRIBE_DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function pushRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) return undefined;
  return navigator.serviceWorker.getRegistration();
}

/** Whether this browser holds a push subscription now. */
export async function backgroundPushEnabled(): Promise<boolean> {
  const registration = await pushRegistration();
  return (await registration?.pushManager.getSubscription()) != null;
}

/** Asks for permission, subscribes and registers the subscription with the server. */
export async function enableBackgroundPush(): Promise<BackgroundPushOutcome> {
  const registration = await pushRegistration();
  if (registration === undefined || !("Notification" in window)) return "unsupported";
  if ((await Notification.requestPermission()) !== "granted") return "denied";
  const { publicKey } = await pushApi.key();
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await withinDeadline(
      registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: Uint8Array.from(
          atob(publicKey.replaceAll("-", "+").replaceAll("_", "/")),
          (char) => char.charCodeAt(0),
        ),
      }),
    ));
  if (subscription === "timed out") return "no-push-service";
  await pushApi.subscribe(pushSubscriptionRequest.parse(subscription.toJSON()));
  return "enabled";
}

/** Unsubscribes this browser and tells the server to forget the subscription. */
export async function disableBackgroundPush(): Promise<void> {
  const registration = await pushRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (subscription == null) return;
  const { endpoint } = subscription;
  await subscription.unsubscribe();
  await pushApi.unsubscribe(endpoint);
}
