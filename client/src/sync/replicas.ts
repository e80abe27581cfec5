// The open channels of the signed-in person, over one shared socket. A channel
// stays open once visited, so it keeps syncing and stays readable offline.
import { api } from "../api/endpoints.ts";
import { Observable } from "../state/observable.ts";
import { ChannelReplica, type ReplicaEvents } from "./channel-replica.ts";
import { openSharedSocket, type SharedSocket } from "./socket.ts";

async function webSocketToken(): Promise<string> {
  return (await api.webSocketToken()).token;
}

export class ReplicaRegistry {
  readonly socket: SharedSocket;
  /** Local changes not yet acknowledged by the server, over all open channels. */
  readonly unsynced = new Observable(0);
  private readonly replicas = new Map<string, ChannelReplica>();
  private readonly userId: string;
  private readonly events: ReplicaEvents;

  constructor(userId: string, events: ReplicaEvents) {
    this.userId = userId;
    this.events = events;
    this.socket = openSharedSocket();
  }

  open(channelId: string): ChannelReplica {
    const existing = this.replicas.get(channelId);
    if (existing !== undefined) return existing;
    const replica = new ChannelReplica({
      channelId,
      userId: this.userId,
      socket: this.socket,
      token: webSocketToken,
      events: this.events,
    });
    replica.unsynced.subscribe(() => this.recount());
    this.replicas.set(channelId, replica);
    return replica;
  }

  /** The channels open in this session (visited at least once). */
  list(): ChannelReplica[] {
    return [...this.replicas.values()];
  }

  close(channelId: string): void {
    this.replicas.get(channelId)?.destroy();
    this.replicas.delete(channelId);
    this.recount();
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
