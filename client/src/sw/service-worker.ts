// The service worker: precaches the built app shell on install and serves it
// cache-first, so a reload with no network still opens the app. Navigations
// get the cached index.html (client-side routes); the API and WebSocket are
// never cached. The list of files is written in at build time.
import { cacheNameFor, isShellRequest, PRECACHE_PLACEHOLDER } from "./shell-cache.ts";

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

interface ServiceWorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as ServiceWorkerScope;
const PRECACHE = JSON.parse(PRECACHE_PLACEHOLDER) as string[];
const CACHE = cacheNameFor(PRECACHE);

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => worker.skipWaiting()),
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
