// What the Authentication extension records about each document connection,
// read by the extensions that act on it later (awareness, revocation,
// the write guard).
import { isTransactionOrigin } from "@hocuspocus/server";
import type { Principal } from "../accounts/principal.ts";
import type { DocumentAccess } from "../permissions/permissions.ts";

export interface ConnectionContext {
  /** Who opened the connection, and with which credential. */
  principal: Principal;
  /** The channel of the document this connection holds (its channel or one of its threads). */
  channelId: string;
  /** What the connection may do; the WriteGuard checks what "write" and "react" ones send. */
  access: Exclude<DocumentAccess, "none">;
  /** The bridge key a bridge acting for an agent connected with; null for everyone else. */
  bridgeKeyId: string | null;
}

/** The context of an authenticated connection; undefined for server-internal origins. */
export function authenticatedContext(context: unknown): ConnectionContext | undefined {
  if (typeof context !== "object" || context === null || !("principal" in context)) {
    return undefined;
  }
  return context as ConnectionContext;
}

/**
 * The connection whose update a transaction applied; undefined for the server's own changes
 * (loading, set-up, another server's relay). Server-side readers attribute what they see to it
 * (see writer-of.ts), never to what the content claims.
 */
export function senderOf(origin: unknown): ConnectionContext | undefined {
  if (!isTransactionOrigin(origin) || origin.source !== "connection") return undefined;
  return authenticatedContext(origin.connection.context);
}
