// Events that take access away from live connections. Services emit them
// after committing; the WebSocket side closes the affected connections.
import { EventEmitter } from "node:events";

export type AccessChange =
  /** All of a user's sessions and keys stop working (deactivation). */
  | { kind: "user-deactivated"; userId: string }
  /** One session ended (logout), or all of a user's sessions (logout everywhere). */
  | { kind: "sessions-ended"; userId: string; sessionId?: string }
  | { kind: "api-key-revoked"; userId: string; apiKeyId: string }
  /** What a user may do changed (role): connections reopen with the new rights. */
  | { kind: "role-changed"; userId: string }
  | { kind: "member-removed"; userId: string; channelId: string }
  /** A channel's state changed for everyone in it (archived, unarchived). */
  | { kind: "channel-changed"; channelId: string };

export class AccessChanges {
  private readonly emitter = new EventEmitter();

  emit(change: AccessChange): void {
    this.emitter.emit("change", change);
  }

  subscribe(listener: (change: AccessChange) => void): () => void {
    this.emitter.on("change", listener);
    return () => this.emitter.off("change", listener);
  }
}
