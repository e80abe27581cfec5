// Events that change what people may do or see: services emit them after
// committing. The WebSocket side closes the connections a change takes access
// from (revocation.ts) and tells open pages which metadata lists to fetch
// again (metadata-signals.ts). Each emit is also appended to the database's
// journal, from which a server re-emits the changes other processes (`ovb`)
// made: see access-change-poller.ts.
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

  /** Without a journal (unit tests), changes reach this process's listeners only. */
  constructor(journal: AccessChangeJournal | null = null) {
    this.journal = journal;
  }

  /** Tells this process's listeners, then every other process through the journal. */
  emit(change: AccessChange): void {
    this.deliver(change);
    this.journal?.append(this.origin, change);
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
