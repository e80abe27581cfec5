// What the Authentication extension records about each document connection,
// read by the extensions that act on it later (awareness, revocation).
import type { Principal } from "../accounts/principal.ts";

export interface ConnectionContext {
  /** Who opened the connection, and with which credential. */
  principal: Principal;
  /** The channel whose document this connection holds. */
  channelId: string;
}

/** The context of an authenticated connection; undefined for server-internal origins. */
export function authenticatedContext(context: unknown): ConnectionContext | undefined {
  if (typeof context !== "object" || context === null || !("principal" in context)) {
    return undefined;
  }
  return context as ConnectionContext;
}
