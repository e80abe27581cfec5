// The page's handle on the index worker: follows the held channels (channel-feed.ts), sends
// searches and keeps only the newest one's answer (latest-answer.ts), and mirrors the worker's
// status for the search view, keeps the index to the threads this device holds (held-threads.ts),
// and gives a hit's message from the document open here or else the thread's held copy
// (held-copies.ts); held threads the index has no message of are indexed from their copies.
// Nothing here indexes or searches.
import {
  type ParsedSearchQuery,
  parseDocumentName,
  type SearchableMessage,
  threadDocumentName,
} from "@openvibe/schema";
import { Observable } from "../state/observable.ts";
import { ChannelFeed, type HeldChannel } from "./channel-feed.ts";
import { HeldCopies } from "./held-copies.ts";
import { followHeldThreads, type HeldThreads } from "./held-threads.ts";
import type { IndexProgress } from "./index-progress.ts";
import { LatestAnswer } from "./latest-answer.ts";
import { type FilterNames, resolveNames } from "./query-plan.ts";
import type { LocalHit } from "./search-index.ts";
import type { FromIndex, IndexPort, ToIndex } from "./worker/protocol.ts";

export interface LocalSearch {
  readonly parsed: ParsedSearchQuery;
  readonly names: FilterNames;
  readonly limit: number;
}

export class IndexClient {
  /** Null when no catch-up is running. */
  readonly progress = new Observable<IndexProgress | null>(null);
  /** Bumped whenever the index changes (searches are run again on it). */
  readonly version = new Observable(0);
  /** Channels fully indexed. */
  readonly readyChannels = new Observable(0);
  /** Bumped whenever a held copy asked for by readCopiesFor is read (hits may now show). */
  readonly copiesRead = new Observable(0);
  /** The newest search and its hits (answers to older searches are dropped). */
  readonly answers = new LatestAnswer<LocalSearch, readonly LocalHit[]>();
  readonly feed: ChannelFeed;
  private readonly port: IndexPort<FromIndex, ToIndex>;
  private readonly close: () => void;
  private readonly flushes = new Map<number, () => void>();
  private nextFlush = 0;
  private stopFollowingHeld = () => {};
  private held: HeldThreads | null = null;
  private copies: HeldCopies | null = null;

  constructor(
    port: IndexPort<FromIndex, ToIndex>,
    options: { userId: string; open: (channelId: string) => HeldChannel; close: () => void },
  ) {
    this.port = port;
    this.close = options.close;
    this.feed = new ChannelFeed(options.open, (message) => port.postMessage(message));
    port.addEventListener("message", this.receive);
    port.postMessage({ type: "open", userId: options.userId });
  }

  private readonly receive = ({ data }: MessageEvent<FromIndex>): void => {
    switch (data.type) {
      case "need":
        void this.feed.sendAll(data.channelId);
        return;
      case "status":
        this.version.set(data.status.version);
        this.progress.set(data.status.progress);
        this.readyChannels.set(data.status.readyChannels);
        return;
      case "answer":
        this.answers.settle(data.seq, data.hits);
        return;
      case "flushed":
        this.flushes.get(data.id)?.();
        this.flushes.delete(data.id);
        return;
      case "unindexed":
        void this.indexCopies(data.documentNames).catch((error: unknown) => reportError(error));
        return;
    }
  };

  watch(channelIds: readonly string[]): void {
    this.feed.watch(channelIds);
  }

  /** Keeps to the threads `held` says this device holds: the others' messages leave the index. */
  followHeld(held: HeldThreads): void {
    this.stopFollowingHeld();
    this.copies?.destroy();
    this.held = held;
    this.stopFollowingHeld = followHeldThreads(held, (message) => this.port.postMessage(message));
    this.copies = new HeldCopies(held, () => this.copiesRead.set(this.copiesRead.get() + 1));
  }

  /**
   * Indexes held threads whose messages the index lacks from their copies, one at a time (those
   * open in the page are followed already).
   */
  private async indexCopies(documentNames: readonly string[]): Promise<void> {
    for (const name of documentNames) {
      const held = this.held;
      const thread = parseDocumentName(name);
      if (held === null || thread?.kind !== "thread" || held.open().includes(name)) continue;
      const copy = await held.readCopy(name);
      // Evicted while it was read: its messages stay out. Opened meanwhile: the page's document
      // is followed (and newer than the copy).
      if (!held.names.get().has(name) || held.open().includes(name)) continue;
      this.feed.indexCopy(thread.channelId, copy);
    }
  }

  /** A hit's message as it is now: in the document open here, else in its thread's held copy. */
  messageOf(hit: LocalHit): SearchableMessage | undefined {
    const { channelId, threadId, messageId } = hit;
    return (
      this.feed.messageOf(channelId, messageId) ??
      this.copies?.messageOf(channelId, threadId, messageId)
    );
  }

  /** Reads the held copies of the threads whose hits messageOf cannot give yet (see copiesRead). */
  readCopiesFor(hits: readonly LocalHit[]): void {
    const missing = hits.filter((hit) => this.messageOf(hit) === undefined);
    this.copies?.read(missing.map((hit) => threadDocumentName(hit.channelId, hit.threadId)));
  }

  /** Asks for the hits of `search` (see answers), after the changes made so far. */
  search(search: LocalSearch): void {
    this.feed.flush();
    const seq = this.answers.issue(search);
    const names = resolveNames(search.parsed.filters, search.names);
    this.port.postMessage({
      type: "search",
      seq,
      parsed: search.parsed,
      names,
      limit: search.limit,
    });
  }

  /** Resolves once the worker has done the work sent so far and saved the index. */
  flushed(): Promise<void> {
    this.feed.flush();
    const id = this.nextFlush++;
    return new Promise((resolve) => {
      this.flushes.set(id, resolve);
      this.port.postMessage({ type: "flush", id });
    });
  }

  destroy(): void {
    this.held = null;
    this.port.removeEventListener("message", this.receive);
    this.stopFollowingHeld();
    this.copies?.destroy();
    this.feed.destroy();
    this.close();
  }
}
