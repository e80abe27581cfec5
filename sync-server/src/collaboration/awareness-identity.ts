// Hocuspocus extension that sanitises presence: every awareness state a peer
// sends carries the sender's real identity in `user`, whatever it claimed,
// a peer cannot speak for an awareness client another connection owns, and a
// state larger than MAX_PRESENCE_LENGTH keeps only its `user`.
import type { beforeHandleAwarenessPayload, Extension } from "@hocuspocus/server";
import { MAX_PRESENCE_LENGTH } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import type { Logger } from "../logger.ts";
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
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

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
      if (ownedByAnother) {
        states.delete(clientId);
        continue;
      }
      state.user = { ...user };
      if (JSON.stringify(state).length <= MAX_PRESENCE_LENGTH) continue;
      this.logger.warn({ channelId: sender.channelId, userId: user.id }, "presence too large");
      states.set(clientId, { user: state.user });
    }
  }
}
