// The session this device last had signed in, kept in localStorage: read synchronously, so the
// page's first render shows the signed-in screen and its first script opens the local copies on
// screen for that person (start-early.ts), without waiting for IndexedDB. It is only what was last
// seen: the server's answer confirms it, replaces it or signs out (workspace-store.ts). The CSRF
// token in it is no more exposed than in IndexedDB, where it was kept before: both are readable
// by this origin's scripts only.
import type { SessionView } from "@openvibe/schema";

const KEY = "openvibe:session";

/** Whether `value` has what the page reads of a session before the server answers. */
function looksLikeSession(value: unknown): value is SessionView {
  if (typeof value !== "object" || value === null) return false;
  const { user, csrfToken } = value as { user?: unknown; csrfToken?: unknown };
  return (
    typeof csrfToken === "string" &&
    typeof user === "object" &&
    user !== null &&
    typeof (user as { id?: unknown }).id === "string"
  );
}

/** The session cached here; null if none (or unreadable: the server's answer then decides). */
export function cachedSession(storage: Storage = localStorage): SessionView | null {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(KEY) ?? "null");
  } catch {
    return null;
  }
  return looksLikeSession(value) ? value : null;
}

/** Caches the session now signed in (null: nobody). */
export function cacheSession(session: SessionView | null, storage: Storage = localStorage): void {
  if (session === null) storage.removeItem(KEY);
  else storage.setItem(KEY, JSON.stringify(session));
}
