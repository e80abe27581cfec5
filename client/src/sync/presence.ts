// Presence in one channel through Yjs awareness: who has it open, and who is
// typing in which thread. The server rewrites each state's `user` to the
// sender's real identity, so only `typing` is ours to set; it is cleared after
// a few idle seconds or when the message is sent.
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { Observable } from "../state/observable.ts";

/** How long after the last keystroke a person still counts as typing. */
export const TYPING_IDLE_MS = 4_000;

export interface PresenceUser {
  id: string;
  kind: string;
  displayName: string;
}

export interface Typing {
  threadId: string;
  at: number;
}

export interface Peer {
  user: PresenceUser;
  typing: Typing | null;
}

type Awareness = NonNullable<HocuspocusProvider["awareness"]>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A peer's awareness state as the server forwarded it, or null when malformed. */
export function readPeer(state: unknown): Peer | null {
  if (!isRecord(state) || !isRecord(state.user)) return null;
  const { id, kind, displayName } = state.user;
  if (typeof id !== "string" || typeof kind !== "string" || typeof displayName !== "string") {
    return null;
  }
  const typing = state.typing;
  const valid =
    isRecord(typing) && typeof typing.threadId === "string" && typeof typing.at === "number";
  return {
    user: { id, kind, displayName },
    typing: valid ? { threadId: String(typing.threadId), at: Number(typing.at) } : null,
  };
}

export class ChannelPresence {
  /** Everyone else with this channel open (one entry per awareness client). */
  readonly peers = new Observable<readonly Peer[]>([]);
  private awareness: Awareness | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private typingIn: string | null = null;

  attach(awareness: Awareness): void {
    this.awareness = awareness;
    awareness.on("change", this.refresh);
    awareness.setLocalStateField("typing", null);
    this.refresh();
  }

  private readonly refresh = (): void => {
    const awareness = this.awareness;
    if (awareness === null) return;
    const peers: Peer[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const peer = readPeer(state);
      if (peer !== null) peers.push(peer);
    }
    this.peers.set(peers);
  };

  /** Notes a keystroke in a thread's composer; typing ends after TYPING_IDLE_MS without one. */
  typed(threadId: string): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
    if (this.typingIn === threadId) return;
    this.typingIn = threadId;
    this.awareness?.setLocalStateField("typing", { threadId, at: Date.now() });
  }

  stopTyping(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.typingIn === null) return;
    this.typingIn = null;
    this.awareness?.setLocalStateField("typing", null);
  }

  destroy(): void {
    this.stopTyping();
    this.awareness?.off("change", this.refresh);
    this.awareness = null;
  }
}
