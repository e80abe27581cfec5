// Keeps threads readable offline. After each joined channel's document first syncs in a page,
// one channel at a time and one thread at a time (each in the connect queue's background lane,
// behind every other document):
// 1. the threads of an old copy of the channel still to compare are opened, their missing own
//    messages re-posted (refused/recovery.ts), and closed;
// 2. the channel's most recently active threads (`threadsPerChannel`, from the channel
//    document's index) that this device does not hold, or holds from before their last activity,
//    are fetched: opened, synced, closed, each catalogued at its last activity, while the held
//    threads stay within the budget;
// 3. thread documents beyond the budget are evicted, least recently used first (evict-documents.ts).
// Threads the person opens count too: whenever what is held passes the budget, an eviction pass
// is queued. After a channel's index changes, its new threads are fetched two seconds later and
// its held threads with new activity a minute later (so what is held follows the channel while
// the page is open); every channel is looked at again when a setting changes.
import {
  type Actor,
  channelDocumentName,
  listThreadIndex,
  stampWallTime,
  threadDocumentName,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { Observable } from "../state/observable.ts";
import type { KeptCopies } from "../sync/refused/kept-copies.ts";
import { recoverOldCopies } from "../sync/refused/recovery.ts";
import { evictBeyondBudget } from "./evict-documents.ts";
import type { HeldDocuments } from "./held-documents.ts";
import type { OfflineSettings } from "./offline-settings.ts";
import { type ThreadReplicas, visitThread } from "./thread-visits.ts";

/** How long after a channel's index changes its new threads (not held at all) are fetched. */
const NEW_THREADS_DELAY_MS = 2_000;
/** How long after a channel's index changes its held threads with new activity are fetched again. */
const REFRESH_DELAY_MS = 60_000;

/** What the keeper needs of the registry (sync/replicas.ts). */
export interface KeeperReplicas extends ThreadReplicas {
  openChannel(channelId: string): {
    doc: Y.Doc;
    synced: Observable<boolean>;
    version: Observable<number>;
  };
}

export interface KeeperOptions {
  userId: string;
  replicas: KeeperReplicas;
  held: HeldDocuments;
  settings: OfflineSettings;
  copies: KeptCopies;
  /** Whether the document is on screen now (never closed by the keeper). */
  isOnScreen(documentName: string): boolean;
  /** Whether the channel's metadata lets this person write now (refused/write-permission.ts). */
  mayWrite(channelId: string): Promise<boolean>;
}

export class OfflineKeeper {
  private readonly options: KeeperOptions;
  private readonly watched = new Map<string, () => void>();
  /**
   * Channels waiting in `work` (not started), each queued once however often asked, with whether
   * its pass fetches held threads with new activity again (`refresh`) or only threads not held.
   */
  private readonly queued = new Map<string, boolean>();
  /** Timers per channel and kind of pass (`${channelId}|${refresh}`) after an index change. */
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private evictionQueued = false;
  private work: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly stopListening: () => void;

  constructor(options: KeeperOptions) {
    this.options = options;
    const again = () => {
      for (const channelId of this.watched.keys()) this.schedule(channelId, true);
    };
    const { settings, held } = options;
    const overBudget = () => {
      if (held.usage.get().bytes > settings.budgetBytes.get()) this.evictSoon();
    };
    const stops = [
      held.usage.subscribe(overBudget),
      settings.threadsPerChannel.subscribe(again),
      settings.budgetBytes.subscribe(again),
    ];
    this.stopListening = () => {
      for (const stop of stops) stop();
    };
  }

  /**
   * Keeps exactly these channels' threads (the joined channels): each after its first sync, and
   * after its index changes: new threads soon, held ones with new activity a minute later.
   */
  watch(channelIds: readonly string[]): void {
    for (const channelId of channelIds) {
      if (this.watched.has(channelId)) continue;
      const replica = this.options.replicas.openChannel(channelId);
      const stops = [
        replica.synced.subscribe(() => {
          if (replica.synced.get()) this.schedule(channelId, true);
        }),
        replica.version.subscribe(() => {
          if (!replica.synced.get()) return;
          this.scheduleAfter(channelId, false, NEW_THREADS_DELAY_MS);
          this.scheduleAfter(channelId, true, REFRESH_DELAY_MS);
        }),
      ];
      this.watched.set(channelId, () => {
        for (const stop of stops) stop();
        for (const refresh of [false, true]) {
          const key = `${channelId}|${refresh}`;
          clearTimeout(this.timers.get(key));
          this.timers.delete(key);
        }
      });
      if (replica.synced.get()) this.schedule(channelId, true);
    }
    for (const [channelId, stop] of this.watched) {
      if (channelIds.includes(channelId)) continue;
      stop();
      this.watched.delete(channelId);
    }
  }

  private schedule(channelId: string, refresh: boolean): void {
    const waiting = this.queued.get(channelId);
    this.queued.set(channelId, refresh || waiting === true);
    if (waiting !== undefined) return;
    this.work = this.work
      .then(() => {
        const asked = this.queued.get(channelId) === true;
        this.queued.delete(channelId);
        return this.keep(channelId, asked);
      })
      .catch((error: unknown) => reportError(error));
  }

  /** Schedules a pass `delayMs` after the first of a burst of index changes. */
  private scheduleAfter(channelId: string, refresh: boolean, delayMs: number): void {
    const key = `${channelId}|${refresh}`;
    if (this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.schedule(channelId, refresh);
    }, delayMs);
    this.timers.set(key, timer);
  }

  private async keep(channelId: string, refresh: boolean): Promise<void> {
    if (this.stopped || !this.watched.has(channelId)) return;
    const online =
      (await this.compareOldCopies(channelId)) && (await this.fetchRecent(channelId, refresh));
    if (online) await this.evict();
  }

  /** Queues an eviction pass (once, however often asked before it runs). */
  private evictSoon(): void {
    if (this.evictionQueued) return;
    this.evictionQueued = true;
    this.work = this.work
      .then(() => {
        this.evictionQueued = false;
        return this.evict();
      })
      .catch((error: unknown) => reportError(error));
  }

  private async evict(): Promise<void> {
    if (this.stopped) return;
    const { userId, held, settings, replicas } = this.options;
    await evictBeyondBudget({
      userId,
      held,
      budgetBytes: settings.budgetBytes.get(),
      isOpen: (name) => replicas.find(name) !== undefined,
    });
  }

  /** Visits the threads old copies of the channel still list; false when one could not sync. */
  private async compareOldCopies(channelId: string): Promise<boolean> {
    for (const copy of await this.options.copies.forChannel(channelId)) {
      for (const threadId of copy.threadsLeft ?? []) {
        if (!(await this.visit(channelId, threadId))) return false;
      }
    }
    return true;
  }

  /**
   * Fetches the channel's recent threads not held, and with `refresh` those held but active since
   * they were last fetched; false when one could not sync.
   */
  private async fetchRecent(channelId: string, refresh: boolean): Promise<boolean> {
    const { replicas, held, settings } = this.options;
    const channel = replicas.find(channelDocumentName(channelId));
    if (channel === undefined) return true;
    const recent = listThreadIndex(channel.doc).slice(0, settings.threadsPerChannel.get());
    const rows = new Map((await held.list()).map((row) => [row.documentName, row]));
    for (const thread of recent) {
      if (this.stopped) return true;
      const name = threadDocumentName(channelId, thread.id);
      const activityAt = stampWallTime(thread.lastActivityAt) ?? 0;
      const row = rows.get(name);
      const isHeld = row !== undefined && row.bytes > 0;
      const current = isHeld && (!refresh || (row.fetchedAt ?? -1) >= activityAt);
      if (current || replicas.find(name) !== undefined) continue;
      if ((await held.totalBytes()) >= settings.budgetBytes.get()) return true;
      held.fetchingInBackground(name, activityAt);
      if (!(await this.visit(channelId, thread.id))) return false;
      await held.fetched(name, activityAt);
    }
    return true;
  }

  /**
   * Every visit compares the thread with old copies itself before closing: the registry does too
   * when the replica syncs, but might still be at it when the visit would close the replica.
   * Both compare under the copy's lock (recovery.ts), so the visit's comparison ends after the
   * other's re-posts, and its wait for acknowledgement covers them too.
   */
  private visit(channelId: string, threadId: string): Promise<boolean> {
    const { copies, userId, mayWrite, isOnScreen, replicas } = this.options;
    const actor: Actor = { kind: "human", id: userId };
    return visitThread(replicas, channelId, threadId, {
      isOnScreen,
      whileOpen: (replica) => recoverOldCopies(replica, { copies, actor, mayWrite }),
    });
  }

  destroy(): void {
    this.stopped = true;
    this.queued.clear();
    this.stopListening();
    for (const stop of this.watched.values()) stop();
    this.watched.clear();
  }
}
