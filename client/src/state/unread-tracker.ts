// Keeps every joined channel open (so it syncs in the background and is held
// locally) and its unread state current: re-computed shortly after a change to
// the channel's document or to the read positions. The thread on screen is
// marked read as it is viewed (while the page is visible).
import {
  type ChannelView,
  listThreads,
  type MessageView,
  messagesMentioning,
  type Stamp,
  threadMessagesAfter,
  threadView,
} from "@openvibe/schema";
import type { DocumentReplica } from "../sync/document-replica.ts";
import type { ReplicaRegistry } from "../sync/replicas.ts";
import { Observable } from "./observable.ts";
import {
  type ChannelUnread,
  channelUnread,
  mentionsReader,
  type Reader,
  readStampOf,
  type ThreadPlace,
} from "./unread.ts";
import type { ReadPositionStore } from "./unread-positions.ts";

/** A channel the reader belongs to, and since when: nothing written before counts as unread. */
export type JoinedChannel = Pick<ChannelView, "id" | "joinedAt">;

/** How long changes are gathered before the unread state is computed again. */
const RECOMPUTE_DELAY_MS = 80;

export interface UnreadUpdate {
  channelId: string;
  unread: ChannelUnread;
  /** The first computation over the locally held copy: nothing in it is news. */
  initial: boolean;
}

export interface MentionEntry extends ThreadPlace {
  threadTitle: string;
  message: MessageView;
  unread: boolean;
}

interface Watched {
  replica: DocumentReplica;
  stop: () => void;
  seeded: boolean;
}

export class UnreadTracker {
  readonly state = new Observable<ReadonlyMap<string, ChannelUnread>>(new Map());
  private readonly watched = new Map<string, Watched>();
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<(update: UnreadUpdate) => void>();
  private viewing: ThreadPlace | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly stopPositions: () => void;

  private readonly replicas: ReplicaRegistry;
  private readonly positions: ReadPositionStore;
  readonly reader: Reader;

  constructor(replicas: ReplicaRegistry, positions: ReadPositionStore, reader: Reader) {
    this.replicas = replicas;
    this.positions = positions;
    this.reader = reader;
    this.stopPositions = positions.version.subscribe(() => {
      for (const id of this.watched.keys()) this.schedule(id);
    });
  }

  /** Keeps exactly these channels open and watched. */
  watch(channels: readonly JoinedChannel[]): void {
    const channelIds = channels.map((channel) => channel.id);
    for (const { id, joinedAt } of channels) {
      const replica = this.replicas.openChannel(id);
      const existing = this.watched.get(id);
      if (existing?.replica === replica) continue;
      existing?.stop();
      // A channel listed by an older version of the app has no joinedAt until the list refreshes.
      this.positions.ensureFloor(id, joinedAt ? Date.parse(joinedAt) : Date.now());
      const stops = [replica.version, replica.loaded].map((o) =>
        o.subscribe(() => this.schedule(id)),
      );
      this.watched.set(id, {
        replica,
        seeded: false,
        stop: () => {
          for (const stop of stops) stop();
        },
      });
      this.schedule(id);
    }
    for (const [id, watched] of this.watched) {
      if (channelIds.includes(id)) continue;
      watched.stop();
      this.watched.delete(id);
      const next = new Map(this.state.get());
      next.delete(id);
      this.state.set(next);
    }
  }

  /**
   * The thread on screen (null: none); it is marked read while the page is visible. The thread
   * left is marked read first, as far as it was shown: a message that arrived just before (its
   * recompute not run yet) was on screen too.
   */
  setViewing(place: ThreadPlace | null): void {
    const left = this.viewing;
    if (
      left !== null &&
      (left.channelId !== place?.channelId || left.threadId !== place.threadId)
    ) {
      const watched = this.watched.get(left.channelId);
      if (watched !== undefined) this.markViewedRead(left.channelId, watched.replica);
      this.schedule(left.channelId);
    }
    this.viewing = place;
    if (place !== null) this.schedule(place.channelId);
  }

  /** Call when the page becomes visible again. */
  visibilityChanged(): void {
    if (this.viewing !== null) this.schedule(this.viewing.channelId);
  }

  onUpdate(listener: (update: UnreadUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Marks everything in a channel read, up to now. */
  markChannelRead(channelId: string): void {
    const unread = this.state.get().get(channelId);
    for (const thread of unread?.threads ?? []) {
      this.positions.markThread(channelId, thread.threadId, thread.latest);
    }
  }

  /** The stamp up to which a thread is read now (null: nothing of it is). */
  readStamp(place: ThreadPlace): Stamp | null {
    return readStampOf(this.positions.positions(place.channelId), place.threadId);
  }

  /** Whether a message of another person, at `createdAt` in a thread, is past the read position. */
  isUnreadAt(place: ThreadPlace, createdAt: Stamp): boolean {
    const readStamp = this.readStamp(place);
    return readStamp === null || createdAt > readStamp;
  }

  /** Every message mentioning the reader in the locally held channels, newest first. */
  mentions(limit = 100): MentionEntry[] {
    const entries: MentionEntry[] = [];
    const handle = this.reader.handle.toLowerCase();
    for (const [channelId, { replica }] of this.watched) {
      const titles = new Map(listThreads(replica.doc).map((thread) => [thread.id, thread.title]));
      for (const message of messagesMentioning(replica.doc, handle)) {
        const threadTitle = titles.get(message.threadId);
        if (threadTitle === undefined || !mentionsReader(message, this.reader)) continue;
        const unread = this.isUnreadAt(
          { channelId, threadId: message.threadId },
          message.createdAt,
        );
        entries.push({ channelId, threadId: message.threadId, threadTitle, message, unread });
      }
    }
    entries.sort((a, b) => (a.message.createdAt < b.message.createdAt ? 1 : -1));
    return entries.slice(0, limit);
  }

  private schedule(channelId: string): void {
    this.dirty.add(channelId);
    this.timer ??= setTimeout(() => this.recompute(), RECOMPUTE_DELAY_MS);
  }

  private recompute(): void {
    this.timer = null;
    const next = new Map(this.state.get());
    const updates: UnreadUpdate[] = [];
    for (const channelId of this.dirty) {
      const watched = this.watched.get(channelId);
      if (watched === undefined) continue;
      this.markViewedRead(channelId, watched.replica);
      const unread = this.compute(channelId, watched.replica);
      next.set(channelId, unread);
      const loaded = watched.replica.loaded.get();
      updates.push({ channelId, unread, initial: !watched.seeded });
      if (loaded) watched.seeded = true;
    }
    this.dirty.clear();
    this.state.set(next);
    for (const update of updates) for (const listener of this.listeners) listener(update);
  }

  private compute(channelId: string, replica: DocumentReplica): ChannelUnread {
    return channelUnread(
      channelId,
      listThreads(replica.doc),
      (threadId, readStamp) => threadMessagesAfter(replica.doc, threadId, readStamp),
      this.positions.positions(channelId),
      this.reader,
    );
  }

  private markViewedRead(channelId: string, replica: DocumentReplica): void {
    const viewing = this.viewing;
    if (viewing?.channelId !== channelId || document.visibilityState !== "visible") return;
    const view = threadView(replica.doc, viewing.threadId);
    if (view === undefined) return;
    this.positions.markThread(channelId, viewing.threadId, view.thread.lastActivityAt);
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    for (const watched of this.watched.values()) watched.stop();
    this.watched.clear();
    this.stopPositions();
    this.listeners.clear();
  }
}
