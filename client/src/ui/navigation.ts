// Client-side navigation over the History API.
import { useSyncExternalStore } from "react";
import { parseRoute, type Route, routePath } from "./routes.ts";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function go(url: string, replace: boolean): void {
  if (url === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  for (const listener of listeners) listener();
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  go(routePath(route), options.replace === true);
}

/** Opens an in-app URL with its query string, e.g. a message link (see message-link.ts). */
export function navigateToUrl(url: string): void {
  go(url, false);
}

/** The current query string (e.g. "?m=…"), re-read on every navigation. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return parseRoute(pathname);
}
