// Hocuspocus extension that applies access changes to live connections: when
// a service emits an AccessChange (logout, deactivation, key revoked, member
// removed, role or channel changed), every affected document connection is
// closed at once with the matching close code.
//
// A connection authenticated before a change but set up after it (its
// document was still loading) would miss it, so the changes of the last
// moments are kept in a short log and replayed when a connection is set up.
import type {
  connectedPayload,
  Extension,
  Hocuspocus,
  onAuthenticatePayload,
  onConfigurePayload,
} from "@hocuspocus/server";
import { CLOSE_CODES } from "@openvibe/schema";
import type { Principal } from "../accounts/principal.ts";
import type { AccessChange, AccessChanges } from "../permissions/access-changes.ts";
import { type CloseCode, closeCodeFor } from "./access-change-effects.ts";
import { authenticatedContext, type ConnectionContext } from "./connection-context.ts";

type Connection = connectedPayload["connection"];

/** Changes kept for connections still being set up; older ones get a conservative close. */
const LOG_LENGTH = 256;

export class Revocation implements Extension {
  readonly extensionName = "openvibe-revocation";
  private instance: Hocuspocus | null = null;
  private readonly unsubscribe: () => void;
  /** The last changes, oldest first, numbered from `firstSeq`. */
  private readonly log: AccessChange[] = [];
  private firstSeq = 0;
  /** How many changes had been seen when each principal authenticated. */
  private readonly seenAtAuthentication = new WeakMap<Principal, number>();

  constructor(accessChanges: AccessChanges) {
    this.unsubscribe = accessChanges.subscribe((change) => this.apply(change));
  }

  /** Stops listening to access changes. */
  dispose(): void {
    this.unsubscribe();
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  async onAuthenticate({ context }: onAuthenticatePayload): Promise<void> {
    const authenticated = authenticatedContext(context);
    if (authenticated !== undefined) {
      this.seenAtAuthentication.set(authenticated.principal, this.nextSeq());
    }
  }

  async connected({ connection, context }: connectedPayload): Promise<void> {
    const authenticated = authenticatedContext(context);
    if (authenticated === undefined) return;
    const since = this.seenAtAuthentication.get(authenticated.principal) ?? this.firstSeq;
    if (since < this.firstSeq) {
      // Too many changes meanwhile to know: let the client reconnect and be checked again.
      close(connection, CLOSE_CODES.permissionsChanged);
      return;
    }
    for (const change of this.log.slice(since - this.firstSeq)) {
      if (closeIfAffected(connection, authenticated, change)) return;
    }
  }

  private nextSeq(): number {
    return this.firstSeq + this.log.length;
  }

  private apply(change: AccessChange): void {
    this.log.push(change);
    if (this.log.length > LOG_LENGTH) {
      this.log.shift();
      this.firstSeq += 1;
    }
    for (const document of this.instance?.documents.values() ?? []) {
      for (const connection of document.getConnections()) {
        const context = authenticatedContext(connection.context);
        if (context !== undefined) closeIfAffected(connection, context, change);
      }
    }
  }
}

/**
 * Ends this one document connection; the socket and the peer's other documents stay open.
 * Hocuspocus sends the peer a CLOSE message carrying only `reason` (the provider reports
 * code 1000), so clients tell the cases apart by the reason string.
 */
function close(connection: Connection, code: CloseCode): void {
  connection.close({ code: code.code, reason: code.reason });
}

function closeIfAffected(
  connection: Connection,
  context: ConnectionContext,
  change: AccessChange,
): boolean {
  const code = closeCodeFor(change, context);
  if (code === null) return false;
  close(connection, code);
  return true;
}
