// Hocuspocus extension, the first piece of the write guard: a connection with
// "react" access (a guest in a channel they belong to) may only add and remove
// its own reactions. Every update it sends is inspected before Hocuspocus
// applies it; anything else ends that document's connection with the
// `write-refused` close reason, before the update reaches the document, the
// store or another peer. Hocuspocus cannot refuse one update and keep the
// connection, so the honest client must not resend what was refused.
import type { beforeHandleMessagePayload, Extension } from "@hocuspocus/server";
import { CLOSE_CODES } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import { authenticatedContext } from "./connection-context.ts";
import { updateInFrame } from "./sync-frames.ts";
import { inspectReactionUpdate } from "./update-inspection.ts";

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

function inspectFrame(frame: Uint8Array, inspect: (update: Uint8Array) => string | undefined) {
  let update: Uint8Array | null;
  try {
    update = updateInFrame(frame);
  } catch {
    return "malformed message";
  }
  return update === null ? undefined : inspect(update);
}

export class ReactionGuard implements Extension {
  readonly extensionName = "openvibe-reaction-guard";
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  async beforeHandleMessage({ context, document, update }: beforeHandleMessagePayload) {
    const sender = authenticatedContext(context);
    if (sender?.access !== "react") return;
    const actorId = sender.principal.user.id;
    const why = inspectFrame(update, (payload) => {
      const inspection = inspectReactionUpdate(document, payload, actorId);
      return inspection.allowed ? undefined : inspection.why;
    });
    if (why === undefined) return;
    this.logger.warn({ channelId: sender.channelId, userId: actorId, why }, "write refused");
    throw new WriteRefused(why);
  }
}
