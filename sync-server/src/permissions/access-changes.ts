// Events that change what people may do or see. The WebSocket side closes the
// connections a change takes access from (revocation.ts) and tells open pages
// which metadata lists to fetch again (metadata-signals.ts). Each emit is
// appended to the database's journal, from which a server re-emits the changes
// other processes (`ovb`) made: see access-change-poller.ts. Services emit
// inside `commitChange` (commit-change.ts): the journal row is then part of the
// change's transaction, and this process's listeners hear of it once that
// transaction committed, never of a change that rolled back.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { z } from "zod";
import type { AccessChangeJournal } from "./access-change-journal.ts";

/** An access change as written to (and checked when read back from) the journal. */
export const accessChangeSchema = z.discriminatedUnion("kind", [
  /** All of a user's sessions and keys stop working (deactivation). */
  z.object({ kind: z.literal("user-deactivated"), userId: z.string() }),
  /** One session ended (logout), or all of a user's sessions (logout everywhere). */
  z.object({
    kind: z.literal("sessions-ended"),
    userId: z.string(),
    sessionId: z.string().optional(),
  }),
  z.object({ kind: z.literal("api-key-revoked"), userId: z.string(), apiKeyId: z.string() }),
  /** What a user may do changed (role): connections reopen with the new rights. */
  z.object({ kind: z.literal("role-changed"), userId: z.string() }),
  z.object({ kind: z.literal("member-removed"), userId: z.string(), channelId: z.string() }),
  /** A channel's state changed for everyone in it (archived, unarchived). */
  z.object({ kind: z.literal("channel-changed"), channelId: z.string() }),
  // Changes that take nobody's access away: open pages only fetch their lists again.
  z.object({ kind: z.literal("channel-created"), channelId: z.string() }),
  /** Renamed, or its topic set. */
  z.object({ kind: z.literal("channel-edited"), channelId: z.string() }),
  /** Added by someone, or joined. */
  z.object({ kind: z.literal("member-added"), userId: z.string(), channelId: z.string() }),
  /** A person or agent joined the workspace, changed their profile, or was reactivated. */
  z.object({ kind: z.literal("person-changed"), userId: z.string() }),
  /** The workspace's name or settings. */
  z.object({ kind: z.literal("settings-changed") }),
  /** Context items of a channel (its own and its threads'), or of the workspace (no channel). */
  z.object({ kind: z.literal("context-items-changed"), channelId: z.string().optional() }),
]);

export type AccessChange = z.infer<typeof accessChangeSchema>;

export class AccessChanges {
  /** Names this emitter in the journal, so a process skips the changes it emitted itself. */
  readonly origin = `${process.pid}-${randomUUID()}`;
  private readonly emitter = new EventEmitter();
  private readonly journal: AccessChangeJournal | null;
  /** Changes emitted inside `deliverAfter`, innermost last: delivered when its work returns. */
  private readonly held: AccessChange[][] = [];

  /** Without a journal (unit tests), changes reach this process's listeners only. */
  constructor(journal: AccessChangeJournal | null = null) {
    this.journal = journal;
  }

  /**
   * Appends the change to the journal (inside the caller's transaction, if any), then tells this
   * process's listeners: at once, or inside `deliverAfter` once its work has returned.
   */
  emit(change: AccessChange): void {
    this.journal?.append(this.origin, change);
    const held = this.held.at(-1);
    if (held === undefined) this.deliver(change);
    else held.push(change);
  }

  /**
   * Runs `work`, holding back the deliveries of what it emits until it returns; if it throws
   * they are dropped. Nested calls hand their changes to the enclosing one.
   */
  deliverAfter<T>(work: () => T): T {
    const held: AccessChange[] = [];
    this.held.push(held);
    let result: T;
    try {
      result = work();
    } finally {
      this.held.pop();
    }
    const enclosing = this.held.at(-1);
    for (const change of held) {
      if (enclosing === undefined) this.deliver(change);
      else enclosing.push(change);
    }
    return result;
  }

  /** Tells this process's listeners only: for changes another process emitted. */
  deliver(change: AccessChange): void {
    this.emitter.emit("change", change);
  }

  subscribe(listener: (change: AccessChange) => void): () => void {
    this.emitter.on("change", listener);
    return () => this.emitter.off("change", listener);
  }
}
