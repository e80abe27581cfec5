// Pure rules of the service worker, kept apart so they can be unit-tested.

/** In the worker's source, a string the build replaces with the JSON list of files to precache. */
export const PRECACHE_PLACEHOLDER = "__OPENVIBE_PRECACHE__";

const NEVER_CACHED = ["/api/", "/health"];

/** The built files' path pattern (a URLPattern pathname): Vite writes them under /assets/. */
export const BUILT_FILES_PATHNAME = "/assets/*";

/** Whether the worker answers this request from the app shell cache. */
export function isShellRequest(method: string, url: URL, origin: string): boolean {
  if (method !== "GET" || url.origin !== origin) return false;
  return !NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix));
}

/** A cache name that changes whenever the list of built files does. */
export function cacheNameFor(urls: readonly string[]): string {
  let hash = 0;
  for (const char of urls.join("\n")) {
    hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0;
  }
  return `openvibe-shell-${(hash >>> 0).toString(36)}`;
}
