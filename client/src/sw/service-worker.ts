// The service worker: precaches the built app shell on install and serves it
// cache-first, so a reload with no network still opens the app. Navigations
// get the cached index.html (client-side routes); the API and WebSocket are
// never cached. The list of files is written in at build time. It also shows
// the server's web pushes (mentions and direct messages while no tab is open)
// and opens the message when one is clicked.
import {
  NOTIFICATION_ICON,
  notificationTarget,
  readPushNotification,
} from "./push-notification.ts";
import {
  BUILT_FILES_PATHNAME,
  cacheNameFor,
  isShellRequest,
  PRECACHE_PLACEHOLDER,
} from "./shell-cache.ts";

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

/** A static route (the ServiceWorker static routing API; absent where unsupported). */
interface RouterRule {
  condition: { urlPattern: { pathname: string }; requestMethod: string };
  source: { cacheName: string };
}

interface InstallEvent extends ExtendableEvent {
  addRoutes?(rules: RouterRule[]): Promise<void>;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

interface PushEvent extends ExtendableEvent {
  readonly data: { text(): string } | null;
}

interface NotificationEvent extends ExtendableEvent {
  readonly notification: Notification;
}

interface WindowClient {
  readonly url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}

interface ServiceWorkerScope {
  location: Location;
  registration: ServiceWorkerRegistration;
  skipWaiting(): Promise<void>;
  clients: {
    claim(): Promise<void>;
    matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
  };
  addEventListener(type: "install", listener: (event: InstallEvent) => void): void;
  addEventListener(type: "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  addEventListener(type: "push", listener: (event: PushEvent) => void): void;
  addEventListener(type: "notificationclick", listener: (event: NotificationEvent) => void): void;
}

const worker = self as unknown as ServiceWorkerScope;
const PRECACHE = JSON.parse(PRECACHE_PLACEHOLDER) as string[];
const CACHE = cacheNameFor(PRECACHE);

worker.addEventListener("install", (event) => {
  // The built files (named by their content, never changed) are read from the precache by the
  // browser itself, without a turn of this worker's fetch handler: on a warm open the page's main
  // script otherwise waited ~100 ms here for it (scripts/bench/client --trace). A file missing
  // from the cache is fetched from the network.
  const routed = event.addRoutes?.([
    {
      condition: { urlPattern: { pathname: BUILT_FILES_PATHNAME }, requestMethod: "GET" },
      source: { cacheName: CACHE },
    },
  ]);
  event.waitUntil(
    Promise.all([
      routed?.catch((error: unknown) => console.warn("static routes not added:", error)),
      caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)),
    ]).then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

async function fromShell(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const key = request.mode === "navigate" ? "/" : request;
  return (await cache.match(key)) ?? fetch(request);
}

worker.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (isShellRequest(event.request.method, url, worker.location.origin)) {
    event.respondWith(fromShell(event.request));
  }
});

worker.addEventListener("push", (event) => {
  const notification = readPushNotification(event.data?.text());
  if (notification === null) return;
  event.waitUntil(
    worker.registration.showNotification(notification.title, {
      body: notification.body,
      icon: NOTIFICATION_ICON,
      data: { url: notification.url },
    }),
  );
});

/** Shows `url` in an open window of the app (the first), or in a new one. */
async function openOrFocus(url: string): Promise<void> {
  const [open] = await worker.clients.matchAll({ type: "window", includeUncontrolled: true });
  if (open === undefined) {
    await worker.clients.openWindow(url);
    return;
  }
  const navigated = await open.navigate(url);
  await (navigated ?? open).focus();
}

worker.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data: unknown = event.notification.data;
  const url = notificationTarget(
    typeof data === "object" && data !== null ? (data as { url?: unknown }).url : undefined,
    worker.location.origin,
  );
  if (url !== null) event.waitUntil(openOrFocus(url));
});
