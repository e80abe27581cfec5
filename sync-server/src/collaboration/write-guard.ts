// Hocuspocus extension that checks every update every peer sends (members, admins, agents,
// bridges acting for an agent, guests) against who sent it, before Hocuspocus applies it: the
// rules are @openvibe/schema's WRITE_RULES, the decoding update-inspection.ts. A refused update
// ends that document's connection with the `write-refused` close code, before the update reaches
// the document, the store or another peer; it is logged and written to the audit log. Hocuspocus
// cannot refuse one update and keep the connection, so the honest client must not resend it.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  Extension,
} from "@hocuspocus/server";
import { CLOSE_CODES, type Writer } from "@openvibe/schema";
import { getTask } from "../agents/tasks.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import { isAdmin } from "../permissions/permissions.ts";
import { ClientIdRegistry, SERVER_OWNER } from "./client-id-registry.ts";
import { authenticatedContext, type ConnectionContext } from "./connection-context.ts";
import { updateInFrame } from "./sync-frames.ts";
import { inspectUpdate } from "./update-inspection.ts";

/**
 * Thrown from a hook to refuse a peer's write: Hocuspocus closes the document connection
 * with this error's `code` and `reason` and drops the frames queued behind it.
 */
export class WriteRefused extends Error {
  readonly code = CLOSE_CODES.writeRefused.code;
  readonly reason = CLOSE_CODES.writeRefused.reason;

  constructor(why: string) {
    super(`write refused: ${why}`);
    this.name = "WriteRefused";
  }
}

export interface WriteGuardOptions {
  ctx: AppContext;
  logger: Logger;
  /** false: only guests' ("react") updates are checked, as before the guard (benchmarks). */
  enabled: boolean;
}

/** The sender as the rules see it, from the connection alone. */
export function writerOf(ctx: AppContext, sender: ConnectionContext): Writer {
  const { user } = sender.principal;
  return {
    actor: { kind: user.kind === "agent" ? "agent" : "human", id: user.id },
    access: sender.access === "react" ? "react" : "write",
    moderator: isAdmin(user),
    mayWriteTask(taskId) {
      if (user.kind !== "agent") return false;
      const task = getTask(ctx, taskId);
      if (task === undefined || task.agentId !== user.id || task.channelId !== sender.channelId) {
        return false;
      }
      // A bridge writes only the tasks it claimed; the agent's own key, any of its tasks.
      return sender.bridgeKeyId === null || task.claimedBy === sender.bridgeKeyId;
    },
  };
}

export class WriteGuard implements Extension {
  readonly extensionName = "openvibe-write-guard";
  private readonly options: WriteGuardOptions;
  private readonly clientIds: ClientIdRegistry;

  constructor(options: WriteGuardOptions) {
    this.options = options;
    this.clientIds = new ClientIdRegistry(options.ctx.db);
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    // The server writes under its document's client id (set-up, late arrivals): nobody else may.
    this.clientIds.claim(documentName, [document.clientID], SERVER_OWNER);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.clientIds.forget(documentName);
  }

  async beforeHandleMessage({
    context,
    document,
    documentName,
    update,
  }: beforeHandleMessagePayload) {
    const sender = authenticatedContext(context);
    if (sender === undefined || sender.access === "read") return;
    if (!this.options.enabled && sender.access !== "react") return;
    let payload: Uint8Array | null;
    try {
      payload = updateInFrame(update);
    } catch {
      return this.refuse(sender, "malformed message");
    }
    if (payload === null) return;
    const writer = writerOf(this.options.ctx, sender);
    const inspection = inspectUpdate(
      document,
      payload,
      writer,
      this.clientIds.ownersOf(documentName),
    );
    if (!inspection.allowed) return this.refuse(sender, inspection.why);
    this.clientIds.claim(documentName, inspection.claimedClientIds, writer.actor.id);
  }

  private refuse(sender: ConnectionContext, why: string): never {
    const userId = sender.principal.user.id;
    this.options.logger.warn({ channelId: sender.channelId, userId, why }, "write refused");
    recordAudit(this.options.ctx, {
      actorId: userId,
      action: "document.write_refused",
      targetType: "channel",
      targetId: sender.channelId,
      details: { why },
    });
    throw new WriteRefused(why);
  }
}
