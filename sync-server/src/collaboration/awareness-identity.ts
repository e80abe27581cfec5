// Hocuspocus extension that sanitises presence: every awareness state a peer
// sends carries the sender's real identity in `user`, whatever it claimed,
// and a peer cannot speak for an awareness client another connection owns.
import type { beforeHandleAwarenessPayload, Extension } from "@hocuspocus/server";
import type { UserRecord } from "../accounts/principal.ts";
import { authenticatedContext } from "./connection-context.ts";

/** What peers see of each other in presence. */
export interface AwarenessUser {
  id: string;
  kind: UserRecord["kind"];
  handle: string;
  displayName: string;
  avatarColor: string;
}

export function awarenessUser(user: UserRecord): AwarenessUser {
  const { id, kind, handle, displayName, avatarColor } = user;
  return { id, kind, handle, displayName, avatarColor };
}

export class AwarenessIdentity implements Extension {
  readonly extensionName = "openvibe-awareness-identity";

  async beforeHandleAwareness({
    context,
    connection,
    document,
    states,
  }: beforeHandleAwarenessPayload): Promise<void> {
    const sender = authenticatedContext(context);
    // Server-internal updates (no connection) are trusted.
    if (sender === undefined || connection === undefined) return;
    const user = awarenessUser(sender.principal.user);
    for (const [clientId, state] of states) {
      const ownedByAnother = document
        .getConnections()
        .some((other) => other !== connection && document.getClients(other).has(clientId));
      if (ownedByAnother) states.delete(clientId);
      else state.user = { ...user };
    }
  }
}
