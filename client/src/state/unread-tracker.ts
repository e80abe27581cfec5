// Keeps every joined channel's document open (so its thread index syncs in the
// background and is held locally) and its unread state current: re-computed
// shortly after a change to the channel's document, to one of its open thread
// documents, or to the read positions. A thread whose document is open here is
// counted from its messages (mentions included); any other from its digest in
// the channel document (unread.ts). The thread on screen is marked read as it
// is viewed (while the page is visible).
import {
  type ChannelView,
  listThreadIndex,
  type MentionItem,
  type MessageView,
  messagesMentioning,
  type Stamp,
  threadDocumentName,
  threadMessagesAfter,
  threadView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { followChannelDocuments } from "../sync/channel-documents.ts";
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

/** The server's mentions inbox, newest first (rejects offline). */
export type LoadMentions = () => Promise<readonly MentionItem[]>;

export class UnreadTracker {
  readonly state = new Observable<ReadonlyMap<string, ChannelUnread>>(new Map());
  private readonly watched = new Map<string, Watched>();
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<(update: UnreadUpdate) => void>();
  private viewing: ThreadPlace | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly stopPositions: () => void;
  /** The server's mentions of the reader, for threads counted from their digests. */
  private inbox: readonly MentionItem[] = [];
  /** Which digest-counted unread threads (and activity) the inbox was last asked for. */
  private inboxAskedFor = "";
  private inboxLoading = false;
  private readonly loadMentions: LoadMentions;

  private readonly replicas: ReplicaRegistry;
  private readonly positions: ReadPositionStore;
  readonly reader: Reader;

  constructor(
    replicas: ReplicaRegistry,
    positions: ReadPositionStore,
    reader: Reader,
    loadMentions: LoadMentions = async () => [],
  ) {
    this.replicas = replicas;
    this.positions = positions;
    this.reader = reader;
    this.loadMentions = loadMentions;
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
      const stop = followChannelDocuments(this.replicas, id, () => this.schedule(id));
      this.watched.set(id, { replica, seeded: false, stop });
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
      this.markViewedRead(left.channelId);
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

  /** Every message mentioning the reader in the thread documents open here, newest first. */
  mentions(limit = 100): MentionEntry[] {
    const entries: MentionEntry[] = [];
    const handle = this.reader.handle.toLowerCase();
    for (const channelId of this.watched.keys()) {
      for (const thread of this.replicas.threadsOf(channelId)) {
        const threadTitle = threadView(thread.doc, thread.threadId ?? "")?.thread.title;
        if (threadTitle === undefined) continue;
        for (const message of messagesMentioning(thread.doc, handle)) {
          if (message.threadId !== thread.threadId || !mentionsReader(message, this.reader)) {
            continue;
          }
          const unread = this.isUnreadAt(
            { channelId, threadId: message.threadId },
            message.createdAt,
          );
          entries.push({ channelId, threadId: message.threadId, threadTitle, message, unread });
        }
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
      this.markViewedRead(channelId);
      const unread = this.compute(channelId, watched.replica);
      next.set(channelId, unread);
      const loaded = watched.replica.loaded.get();
      updates.push({ channelId, unread, initial: !watched.seeded });
      if (loaded) watched.seeded = true;
    }
    this.dirty.clear();
    this.state.set(next);
    for (const update of updates) for (const listener of this.listeners) listener(update);
    this.askInboxFor(next);
  }

  /**
   * Threads counted from their digests have no messages here to find mentions in: when one of
   * them has new activity, the server's mentions inbox is fetched again (once at a time), then
   * the counts are computed again with it.
   */
  private askInboxFor(state: ReadonlyMap<string, ChannelUnread>): void {
    const counted = [...state.values()].flatMap((channel) =>
      channel.threads
        .filter(
          ({ threadId }) => !this.replicas.find(threadDocumentName(channel.channelId, threadId)),
        )
        .map((thread) => `${channel.channelId}/${thread.threadId}@${thread.latest}`),
    );
    const askFor = counted.join(" ");
    if (askFor === this.inboxAskedFor || this.inboxLoading || counted.length === 0) return;
    this.inboxAskedFor = askFor;
    this.inboxLoading = true;
    this.loadMentions()
      .then((mentions) => {
        this.inbox = mentions;
        for (const id of this.watched.keys()) this.schedule(id);
      })
      .catch(() => {
        // Offline or refused: the counts stay without the inbox's mentions until the next try.
        this.inboxAskedFor = "";
      })
      .finally(() => {
        this.inboxLoading = false;
      });
  }

  /** Unread mentions of a thread in the server's inbox. */
  private inboxMentions(channelId: string, threadId: string, readStamp: Stamp | null): number {
    return this.inbox.filter(
      (item) =>
        item.channelId === channelId &&
        item.threadId === threadId &&
        (readStamp === null || item.createdAt > readStamp),
    ).length;
  }

  /** A thread's document when it is open here and holds the thread. */
  private heldThread(channelId: string, threadId: string): Y.Doc | undefined {
    const replica = this.replicas.find(threadDocumentName(channelId, threadId));
    if (replica === undefined || threadView(replica.doc, threadId) === undefined) return undefined;
    return replica.doc;
  }

  private compute(channelId: string, replica: DocumentReplica): ChannelUnread {
    const threadDocs = this.replicas.threadsOf(channelId).map((thread) => thread.doc);
    return channelUnread(
      channelId,
      listThreadIndex(replica.doc, threadDocs),
      (threadId, readStamp) => {
        const doc = this.heldThread(channelId, threadId);
        return doc === undefined ? undefined : threadMessagesAfter(doc, threadId, readStamp);
      },
      this.positions.positions(channelId),
      this.reader,
      (threadId, readStamp) => this.inboxMentions(channelId, threadId, readStamp),
    );
  }

  private markViewedRead(channelId: string): void {
    const viewing = this.viewing;
    if (viewing?.channelId !== channelId || document.visibilityState !== "visible") return;
    const doc = this.heldThread(channelId, viewing.threadId);
    const view = doc === undefined ? undefined : threadView(doc, viewing.threadId);
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
