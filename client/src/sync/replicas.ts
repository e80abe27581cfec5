// The open channels of the signed-in person, over one shared socket. A channel
// stays open once visited, so it keeps syncing and stays readable offline.
// A replica whose write the server refused is kept (refused/kept-copies.ts),
// then replaced by a fresh one loaded from the server; `generation` changes
// then, so whoever holds a replica opens the channel again. Once a replica
// has synced, the kept copies of its channel are recovered (refused/recovery.ts).
// A channel whose access the server revoked is closed and listed in `revoked`
// until it is opened again (joined again), so its view can say it is gone.
import type { MetadataChanged } from "@openvibe/schema";
import { api } from "../api/endpoints.ts";
import { ApiError } from "../api/http.ts";
import { localDatabase } from "../local/database.ts";
import { Observable } from "../state/observable.ts";
import { ChannelReplica, type ReplicaEvents } from "./channel-replica.ts";
import { ConnectQueue } from "./connect-queue.ts";
import { MetadataSignals } from "./metadata-signals.ts";
import { KeptCopies } from "./refused/kept-copies.ts";
import { recoverKeptCopies } from "./refused/recovery.ts";
import { mayWriteChannel } from "./refused/write-permission.ts";
import { openSharedSocket, type SharedSocket } from "./socket.ts";

/** Channels syncing their first time at once, and how long one may hold its turn. */
const CONNECT_LIMITS = { concurrency: 8, slotTimeoutMs: 10_000 };

/**
 * A token for the socket's next authentication. Asked for at every (re)connection: a session
 * that ended while the socket was down (signed out everywhere, deactivated) answers
 * "unauthenticated" here, before the server could tell this page anything.
 */
async function webSocketToken(onSessionEnded: () => void): Promise<string> {
  try {
    return (await api.webSocketToken()).token;
  } catch (error) {
    if (error instanceof ApiError && error.code === "unauthenticated") onSessionEnded();
    throw error;
  }
}

export interface RegistryEvents extends ReplicaEvents {
  /** Workspace metadata this person sees may have changed: fetch those lists again. */
  onMetadataChanged(change: MetadataChanged): void;
}

export class ReplicaRegistry {
  readonly socket: SharedSocket;
  /** Local changes not yet acknowledged by the server, over all open channels. */
  readonly unsynced = new Observable(0);
  /** Changes whenever a replica is replaced: `open` then hands out the new one. */
  readonly generation = new Observable(0);
  /** Channels closed because the server revoked access to them, until opened again. */
  readonly revoked = new Observable<ReadonlySet<string>>(new Set());
  readonly keptCopies: KeptCopies;
  private readonly replicas = new Map<string, ChannelReplica>();
  /** Refused replicas being replaced (a WeakSet: they are dropped once replaced). */
  private readonly replacing = new WeakSet<ChannelReplica>();
  private readonly connectQueue = new ConnectQueue(CONNECT_LIMITS);
  private readonly userId: string;
  private readonly events: ReplicaEvents;
  private readonly metadata: MetadataSignals;

  constructor(userId: string, events: RegistryEvents) {
    this.userId = userId;
    this.events = events;
    this.socket = openSharedSocket();
    this.metadata = new MetadataSignals(this.socket.websocket, events.onMetadataChanged);
    this.keptCopies = new KeptCopies(localDatabase, userId);
  }

  /**
   * The channel's replica, opened if it is not yet. `visible`: someone is looking at it, so it
   * syncs before the channels opened in the background.
   */
  open(channelId: string, options: { visible?: boolean } = {}): ChannelReplica {
    if (options.visible === true) this.connectQueue.promote(channelId);
    this.setRevoked(channelId, false);
    const existing = this.replicas.get(channelId);
    if (existing !== undefined) return existing;
    const replica = new ChannelReplica({
      channelId,
      userId: this.userId,
      socket: this.socket,
      token: () => webSocketToken(() => this.events.onSessionEnded()),
      events: this.events,
      connectQueue: this.connectQueue,
      metadata: this.metadata,
      onRefused: (refused) => void this.replace(refused).catch(reportError),
    });
    replica.unsynced.subscribe(() => this.recount());
    const stopSynced = replica.synced.subscribe(() => {
      stopSynced();
      void recoverKeptCopies(replica, {
        copies: this.keptCopies,
        actor: { kind: "human", id: this.userId },
        mayWrite: mayWriteChannel,
      }).catch(reportError);
    });
    this.replicas.set(channelId, replica);
    // It may start with changes from before a reload that the server has not acknowledged.
    this.recount();
    return replica;
  }

  /**
   * Keeps a refused replica's copy, then replaces it with one loaded from the server. If the copy
   * cannot be kept, the refused replica stays (stopped, its local copy untouched).
   */
  private async replace(refused: ChannelReplica): Promise<void> {
    const { channelId } = refused;
    // Kept once, however many times its connection reports the refusal.
    if (this.replacing.has(refused)) return;
    this.replacing.add(refused);
    await this.keptCopies.keep(channelId, refused.doc);
    if (this.replicas.get(channelId) !== refused) return;
    await refused.discardLocalCopy();
    if (this.replicas.get(channelId) !== refused) return;
    this.replicas.delete(channelId);
    this.open(channelId);
    this.recount();
    this.generation.set(this.generation.get() + 1);
  }

  /** The channels open in this session (visited at least once). */
  list(): ChannelReplica[] {
    return [...this.replicas.values()];
  }

  /** Closes a channel the server no longer lets this person open. */
  closeRevoked(channelId: string): void {
    this.replicas.get(channelId)?.destroy();
    this.replicas.delete(channelId);
    this.recount();
    this.setRevoked(channelId, true);
  }

  private setRevoked(channelId: string, revoked: boolean): void {
    const current = this.revoked.get();
    if (current.has(channelId) === revoked) return;
    const next = new Set(current);
    if (revoked) next.add(channelId);
    else next.delete(channelId);
    this.revoked.set(next);
  }

  private recount(): void {
    let total = 0;
    for (const replica of this.replicas.values()) total += replica.unsynced.get();
    this.unsynced.set(total);
  }

  destroy(): void {
    for (const replica of this.replicas.values()) replica.destroy();
    this.replicas.clear();
    this.socket.destroy();
  }
}
