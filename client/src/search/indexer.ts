// Keeps the browser index in step with the channels held locally. Each watched channel is
// caught up once its local copy is loaded (skipped when its document has not changed since the
// index was saved; otherwise only messages whose content differs are re-indexed, in slices),
// then follows every change through observeMessageContent. Saved to the IndexStore shortly after
// changes; a saved index of another format is dropped and rebuilt in the background.
import {
  listSearchableMessages,
  observeMessageContent,
  readSearchableMessage,
  type SearchableMessage,
  stampWallTime,
} from "@openvibe/schema";
import * as Y from "yjs";
import { Observable } from "../state/observable.ts";
import { forEachInSlices, yieldToEventLoop } from "./chunked.ts";
import { forEachSavedSegment, type IndexStore } from "./index-store.ts";
import { INDEX_FORMAT, type IndexedMessage, SearchIndex } from "./search-index.ts";
import type { PlainSegment } from "./segment.ts";
import { warmUp } from "./warm-up.ts";

/** What the indexer needs of a channel held in the browser (a ChannelReplica). */
export interface HeldChannel {
  readonly channelId: string;
  readonly doc: Y.Doc;
  readonly loaded: Observable<boolean>;
}

export interface IndexProgress {
  /** Messages read so far in the current catch-up, and how many it has. */
  readonly done: number;
  readonly total: number;
  /** The whole index is being built (first visit, or a new index format). */
  readonly rebuilding: boolean;
}

interface Watched {
  readonly channel: HeldChannel;
  ready: boolean;
  stop: () => void;
}

const PENDING_DELAY_MS = 60;
/** A save writes only the segments changed (a few ms after a new message), whatever the size. */
const SAVE_DELAY_MS = 1_000;

function toIndexed(channelId: string, message: SearchableMessage): IndexedMessage {
  return {
    id: message.id,
    channelId,
    threadId: message.threadId,
    forkId: message.forkId,
    authorId: message.author.id,
    createdAt: stampWallTime(message.createdAt) ?? 0,
    pinned: message.pinned,
    hasFork: message.hasFork,
    body: message.body,
  };
}

function sameVector(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export class SearchIndexer {
  index = SearchIndex.empty();
  /** Null when no catch-up is running. */
  readonly progress = new Observable<IndexProgress | null>(null);
  /** Bumped whenever the index changes (searches re-run on it). */
  readonly version = new Observable(0);
  /** Channels fully indexed. */
  readonly readyChannels = new Observable(0);
  private readonly watched = new Map<string, Watched>();
  private readonly pending = new Map<string, Set<string>>();
  private vectors: Record<string, Uint8Array> = {};
  private builtAt = Date.now();
  private rebuilding = true;
  private queue: Promise<void>;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  /** The saved index is being loaded. */
  private loading = true;
  private warmedUp = false;
  private readonly open: (channelId: string) => HeldChannel;
  private readonly store: IndexStore;

  constructor(open: (channelId: string) => HeldChannel, store: IndexStore) {
    this.open = open;
    this.store = store;
    this.queue = this.loadSaved();
  }

  /**
   * Loads the saved index a segment at a time, the newest first, searches reading what is
   * loaded so far; changes wait until it is all loaded (see flush). An index that cannot be
   * read whole (saved over meanwhile, or a failed read) is rebuilt.
   */
  private async loadSaved(): Promise<void> {
    const saved = await this.store.load().catch(() => undefined);
    if (saved !== undefined && saved.format === INDEX_FORMAT) {
      this.vectors = saved.vectors;
      this.builtAt = saved.builtAt;
      this.rebuilding = false;
      const restore = (segment: PlainSegment) => {
        this.index.restore(segment);
        this.version.set(this.version.get() + 1);
      };
      const whole = await forEachSavedSegment(
        this.store,
        saved,
        restore,
        () => this.destroyed,
      ).catch(() => false);
      if (!whole && !this.destroyed) this.startOver();
    }
    this.loading = false;
    this.flush();
    this.warmUpSoon();
  }

  /** Once there is something to search: throwaway searches in a task of their own (warm-up.ts). */
  private warmUpSoon(): void {
    if (this.warmedUp || this.index.size === 0) return;
    this.warmedUp = true;
    void yieldToEventLoop().then(() => {
      if (!this.destroyed) warmUp(this.index);
    });
  }

  private startOver(): void {
    this.index = SearchIndex.empty();
    this.vectors = {};
    this.builtAt = Date.now();
    this.rebuilding = true;
    this.version.set(this.version.get() + 1);
  }

  /**
   * Keeps exactly these channels indexed (others are dropped from the index); a channel whose
   * held copy was replaced is followed again (its catch-up re-indexes the new copy).
   */
  watch(channelIds: readonly string[]): void {
    const wanted = new Set(channelIds);
    for (const [id, watched] of this.watched) {
      if (wanted.has(id)) continue;
      watched.stop();
      this.watched.delete(id);
      this.enqueue(async () => this.forget(id));
    }
    for (const id of wanted) {
      const channel = this.open(id);
      const watched = this.watched.get(id);
      if (watched?.channel === channel) continue;
      watched?.stop();
      this.follow(channel);
    }
    // Channels indexed in an earlier visit but no longer held.
    this.enqueue(async () => {
      for (const id of this.index.channelIds()) if (!this.watched.has(id)) this.forget(id);
    });
  }

  private forget(channelId: string): void {
    this.index.removeChannel(channelId);
    this.pending.delete(channelId);
    delete this.vectors[channelId];
    this.recountReady();
    this.changed();
  }

  private follow(channel: HeldChannel): void {
    const watched: Watched = { channel, ready: false, stop: () => {} };
    this.watched.set(channel.channelId, watched);
    const start = () => {
      if (!channel.loaded.get() || this.watched.get(channel.channelId) !== watched) return;
      stopLoaded();
      const stopChanges = observeMessageContent(channel.doc, ({ messageIds }) =>
        this.queueChanged(channel.channelId, messageIds),
      );
      watched.stop = stopChanges;
      this.enqueue(() => this.catchUp(watched));
    };
    const stopLoaded = channel.loaded.subscribe(start);
    watched.stop = stopLoaded;
    start();
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(task)
      .catch((error: unknown) => console.error("search index:", error));
  }

  /** Resolves once the work queued so far (loading, catch-ups) is done. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async catchUp(watched: Watched): Promise<void> {
    const { channel } = watched;
    if (this.destroyed || this.watched.get(channel.channelId) !== watched) return;
    const vector = Y.encodeStateVector(channel.doc);
    if (!sameVector(this.vectors[channel.channelId], vector)) {
      delete this.vectors[channel.channelId];
      await this.reindexChannel(channel);
    }
    watched.ready = true;
    this.recountReady();
    this.warmUpSoon();
  }

  private recountReady(): void {
    this.readyChannels.set([...this.watched.values()].filter((w) => w.ready).length);
  }

  private async reindexChannel(channel: HeldChannel): Promise<void> {
    const messages = listSearchableMessages(channel.doc);
    const stale = new Set(this.index.channelMessageIds(channel.channelId));
    const total = messages.length;
    const report = (done: number) =>
      this.progress.set({ done, total, rebuilding: this.rebuilding });
    report(0);
    const finished = await forEachInSlices(
      messages,
      (message) => {
        stale.delete(message.id);
        this.apply(channel.channelId, message);
      },
      { onSlice: report, cancelled: () => this.destroyed },
    );
    if (finished) for (const id of stale) this.index.remove(id);
    this.progress.set(null);
    this.changed();
  }

  private apply(channelId: string, message: SearchableMessage | undefined, id?: string): void {
    if (message === undefined || message.deleted) {
      this.index.remove(message?.id ?? id ?? "");
      return;
    }
    this.index.put(toIndexed(channelId, message));
  }

  private queueChanged(channelId: string, messageIds: readonly string[]): void {
    let ids = this.pending.get(channelId);
    if (ids === undefined) {
      ids = new Set();
      this.pending.set(channelId, ids);
    }
    for (const id of messageIds) ids.add(id);
    this.pendingTimer ??= setTimeout(() => this.flush(), PENDING_DELAY_MS);
  }

  /** Applies the changes gathered so far (searches call it first: edits show at once). */
  flush(): void {
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    if (this.pending.size === 0 || this.loading) return;
    for (const [channelId, ids] of this.pending) {
      const doc = this.watched.get(channelId)?.channel.doc;
      if (doc === undefined) continue;
      for (const id of ids) this.apply(channelId, readSearchableMessage(doc, id), id);
    }
    this.pending.clear();
    this.changed();
  }

  /** A message of a held channel as it is now. */
  messageOf(channelId: string, messageId: string): SearchableMessage | undefined {
    const doc = this.watched.get(channelId)?.channel.doc;
    return doc === undefined ? undefined : readSearchableMessage(doc, messageId);
  }

  /** The current text of a message of a held channel. */
  bodyOf = (channelId: string, messageId: string): string | undefined =>
    this.messageOf(channelId, messageId)?.body;

  private changed(): void {
    this.version.set(this.version.get() + 1);
    if (this.saveTimer !== null || this.destroyed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.enqueue(() => this.save());
    }, SAVE_DELAY_MS);
  }

  /**
   * Writes the segments of the index changed since the last save and, for the channels fully
   * indexed, the document state it covers.
   */
  async save(): Promise<void> {
    this.flush();
    for (const watched of this.watched.values()) {
      const { channelId, doc } = watched.channel;
      if (watched.ready) this.vectors[channelId] = Y.encodeStateVector(doc);
    }
    if (this.progress.get() === null) this.rebuilding = false;
    const unsaved = await this.index.unsaved();
    await this.store.save({
      format: INDEX_FORMAT,
      builtAt: this.builtAt,
      savedAt: Date.now(),
      vectors: { ...this.vectors },
      segments: unsaved,
    });
    this.index.markSaved(unsaved);
  }

  destroy(): void {
    this.destroyed = true;
    for (const watched of this.watched.values()) watched.stop();
    this.watched.clear();
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    void this.queue.finally(() => this.store.close());
  }
}
