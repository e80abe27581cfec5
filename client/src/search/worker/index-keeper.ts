// The index worker's state: the browser index of the channels held in the page, kept in step with
// what the page forwards (see channel-feed.ts), saved to the IndexStore shortly after changes,
// and searched. The saved index is loaded a segment at a time, newest first (searches read what
// is loaded so far; changes wait until it is all in). For each channel it keeps the document
// state the index covers: a channel the page holds at that state is not read again, otherwise
// the page is asked for all its messages ("need"). Changes are applied in the order received,
// after the work queued before them; searches are not queued, only the newest runs, and one still
// running when a newer one comes stops. Threads the device no longer holds leave it
// (`threads`, `forget`: see held-threads.ts); of those it keeps, the threads it holds no message
// of are named back (`unindexed`: the page indexes them from their copies).
import { threadDocumentName } from "@openvibe/schema";
import { forEachInSlices, yieldToEventLoop } from "../chunked.ts";
import type { IndexProgress } from "../index-progress.ts";
import { forEachSavedSegment, type IndexStore } from "../index-store.ts";
import { planSearch, resolvedNames } from "../query-plan.ts";
import type { PlainSegment } from "../saved-segment.ts";
import { INDEX_FORMAT, type IndexedMessage, SearchIndex } from "../search-index.ts";
import { warmUp } from "../warm-up.ts";
import { NewestOnly } from "./newest-only.ts";
import type { FromIndex, ToIndex } from "./protocol.ts";

type Listing = Extract<ToIndex, { type: "listing" }>;
type Changes = Extract<ToIndex, { type: "changes" }>;
type Search = Extract<ToIndex, { type: "search" }>;

/** A save writes only the segments changed (a few ms after a new message), whatever the size. */
const SAVE_DELAY_MS = 1_000;
/** A search runs this long before it lets newer messages in (a newer search stops it). */
const SEARCH_SLICE_MS = 4;

function sameVector(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export class IndexKeeper {
  index = SearchIndex.empty();
  private readonly send: (message: FromIndex) => void;
  private readonly store: IndexStore;
  /** Document state each channel is indexed at (fully indexed channels only). */
  private vectors: Record<string, Uint8Array> = {};
  private watched = new Set<string>();
  private readonly ready = new Set<string>();
  private builtAt = Date.now();
  private rebuilding = true;
  private warmedUp = false;
  private destroyed = false;
  private version = 0;
  private progress: IndexProgress | null = null;
  private statusQueued = false;
  private queue: Promise<void>;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly searches = new NewestOnly<Search>(
    (search, isCurrent) => void this.answer(search, isCurrent),
  );

  constructor(store: IndexStore, send: (message: FromIndex) => void) {
    this.store = store;
    this.send = send;
    this.queue = this.loadSaved();
  }

  receive(message: ToIndex): void {
    switch (message.type) {
      case "open":
        return;
      case "search":
        this.searches.receive(message);
        return;
      case "channels":
        this.enqueue(async () => this.keep(message.channelIds));
        return;
      case "threads": {
        const kept = new Set(message.documentNames);
        this.enqueue(async () => {
          const indexed = new Set<string>();
          await this.dropThreads((name) => {
            indexed.add(name);
            return !kept.has(name);
          });
          const unindexed = message.documentNames.filter((name) => !indexed.has(name));
          if (unindexed.length > 0) this.send({ type: "unindexed", documentNames: unindexed });
        });
        return;
      }
      case "forget": {
        const gone = new Set(message.documentNames);
        this.enqueue(() => this.dropThreads((name) => gone.has(name)));
        return;
      }
      case "held":
        this.enqueue(async () => this.held(message.channelId, message.vector));
        return;
      case "listing":
        this.enqueue(() => this.list(message));
        return;
      case "changes":
        this.enqueue(async () => this.apply(message));
        return;
      case "flush":
        this.enqueue(async () => {
          await this.save();
          this.send({ type: "flushed", id: message.id });
        });
        return;
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(task)
      .catch((error: unknown) => console.error("search index:", error));
  }

  /**
   * Loads the saved index a segment at a time, the newest first. An index that cannot be read
   * whole (saved over meanwhile, or a failed read) is rebuilt.
   */
  private async loadSaved(): Promise<void> {
    const saved = await this.store.load().catch(() => undefined);
    if (saved !== undefined && saved.format === INDEX_FORMAT) {
      this.vectors = saved.vectors;
      this.builtAt = saved.builtAt;
      this.rebuilding = false;
      const restore = (segment: PlainSegment) => {
        this.index.restore(segment);
        this.changed({ save: false });
      };
      const whole = await forEachSavedSegment(
        this.store,
        saved,
        restore,
        () => this.destroyed,
      ).catch(() => false);
      if (!whole && !this.destroyed) this.startOver();
    }
    this.warmUpSoon();
  }

  private startOver(): void {
    this.index = SearchIndex.empty();
    this.vectors = {};
    this.builtAt = Date.now();
    this.rebuilding = true;
    this.changed({ save: false });
  }

  /** Once there is something to search: throwaway searches in a task of their own (warm-up.ts). */
  private warmUpSoon(): void {
    if (this.warmedUp || this.index.size === 0) return;
    this.warmedUp = true;
    void yieldToEventLoop().then(() => {
      if (!this.destroyed) warmUp(this.index);
    });
  }

  private keep(channelIds: readonly string[]): void {
    this.watched = new Set(channelIds);
    for (const id of new Set([...this.index.channelIds(), ...Object.keys(this.vectors)])) {
      if (this.watched.has(id)) continue;
      this.index.removeChannel(id);
      delete this.vectors[id];
      this.ready.delete(id);
      this.changed();
    }
    for (const id of this.ready) if (!this.watched.has(id)) this.ready.delete(id);
    this.publish();
  }

  /**
   * Removes the messages of the threads `isGone` names (by thread document name), in slices:
   * searches answer between them. Measured at 100k messages on a loaded two-core machine:
   * finding them 10-26 ms, removing 0.06-0.6 ms a message (49k in 3 s: an index that kept
   * many threads no longer held, at its first start with this rule).
   */
  private async dropThreads(isGone: (documentName: string) => boolean): Promise<void> {
    const ids = this.index.messagesOfThreads((channelId, threadId) =>
      isGone(threadDocumentName(channelId, threadId)),
    );
    if (ids.length === 0) return;
    await forEachInSlices(ids, (id) => this.index.remove(id), { cancelled: () => this.destroyed });
    this.changed();
  }

  private held(channelId: string, vector: Uint8Array): void {
    if (!this.watched.has(channelId)) return;
    if (sameVector(this.vectors[channelId], vector)) {
      this.ready.add(channelId);
      this.publish();
      this.warmUpSoon();
      return;
    }
    delete this.vectors[channelId];
    this.ready.delete(channelId);
    this.send({ type: "need", channelId });
  }

  /**
   * Indexes a part of a channel's messages, in slices; the last part ends its catch-up. A listing
   * only adds: it names the messages of the documents open in the page, not those of threads
   * held but closed (fetched in the background a moment ago, say), which stay. Messages leave by
   * their own changes (deleted), with their thread (no longer held) or with their channel.
   */
  private async list(part: Listing): Promise<void> {
    const { channelId } = part;
    if (!this.watched.has(channelId)) return;
    const before = part.done - part.messages.length;
    const report = (done: number) =>
      this.setProgress({ done: before + done, total: part.total, rebuilding: this.rebuilding });
    report(0);
    const finished = await forEachInSlices(
      part.messages,
      (message: IndexedMessage) => this.index.put(message),
      { onSlice: report, cancelled: () => this.destroyed || !this.watched.has(channelId) },
    );
    if (!finished) return;
    if (part.done >= part.total) {
      this.vectors[channelId] = part.vector;
      this.ready.add(channelId);
      this.setProgress(null);
      this.warmUpSoon();
    }
    this.changed();
  }

  private apply({ channelId, vector, put, removed }: Changes): void {
    if (!this.watched.has(channelId)) return;
    for (const message of put) this.index.put(message);
    for (const id of removed) this.index.remove(id);
    if (this.ready.has(channelId)) this.vectors[channelId] = vector;
    this.changed();
  }

  /**
   * Searches a few milliseconds at a time; gives up when a newer search has come meanwhile (its
   * answer would be dropped), so that one waits at most a slice. Changes received between slices
   * are applied under it: a hit may then be a message just deleted, which the page leaves out.
   */
  private async answer(
    { seq, parsed, names, limit }: Search,
    isCurrent: () => boolean,
  ): Promise<void> {
    const steps = this.index.searchInSteps(planSearch(parsed, resolvedNames(names)), limit);
    let sliceStarted = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) {
        this.send({ type: "answer", seq, hits: step.value });
        return;
      }
      if (performance.now() - sliceStarted < SEARCH_SLICE_MS) continue;
      await yieldToEventLoop();
      if (!isCurrent()) return;
      sliceStarted = performance.now();
    }
  }

  private setProgress(progress: IndexProgress | null): void {
    this.progress = progress;
    this.publish();
  }

  private changed({ save } = { save: true }): void {
    this.version++;
    this.publish();
    if (!save || this.saveTimer !== null || this.destroyed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.enqueue(() => this.save());
    }, SAVE_DELAY_MS);
  }

  /** Sends the status once for all the changes of this turn. */
  private publish(): void {
    if (this.statusQueued) return;
    this.statusQueued = true;
    queueMicrotask(() => {
      this.statusQueued = false;
      const { version, progress } = this;
      this.send({ type: "status", status: { version, progress, readyChannels: this.ready.size } });
    });
  }

  /** Writes the segments changed since the last save, and the document states they cover. */
  private async save(): Promise<void> {
    if (this.progress === null) this.rebuilding = false;
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
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    void this.queue.finally(() => this.store.close());
  }
}
