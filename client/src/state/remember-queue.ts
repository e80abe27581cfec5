// "Remember this" made while the server cannot be reached: context items live on the server, so
// the request waits in IndexedDB (Dexie's rememberQueue), survives reloads, and is sent, oldest
// first, when the connection returns (the browser's online event, or the server telling the page
// its lists may be stale once its socket is back). The item's id is chosen here, so a request
// sent twice (its answer lost) still makes one item. One the server refuses stays, with why and
// its text, until the person discards it: nothing typed is lost.
import type { CreateContextItemRequest } from "@openvibe/schema";
import { contextItemApi } from "../api/context-item-endpoints.ts";
import { ApiError, OfflineError } from "../api/http.ts";
import { localDatabase, type QueuedRemember } from "../local/database.ts";
import { Observable } from "./observable.ts";

export class RememberQueue {
  /** Bumped whenever the queue changes, for views that list it. */
  readonly version = new Observable(0);
  private readonly userId: string;
  private sending: Promise<void> | null = null;

  constructor(userId: string) {
    this.userId = userId;
  }

  /** Queues `request` (with its itemId) to be sent when the server can be reached. */
  async add(channelId: string, request: CreateContextItemRequest & { itemId: string }) {
    await localDatabase.rememberQueue.put({
      itemId: request.itemId,
      userId: this.userId,
      channelId,
      request,
      queuedAt: Date.now(),
      refused: null,
    });
    this.changed();
  }

  /** This person's queued requests of `channelId`, oldest first. */
  async of(channelId: string): Promise<QueuedRemember[]> {
    const mine = await localDatabase.rememberQueue.where("userId").equals(this.userId).toArray();
    return mine
      .filter((queued) => queued.channelId === channelId)
      .sort((a, b) => a.queuedAt - b.queuedAt);
  }

  async discard(itemId: string): Promise<void> {
    await localDatabase.rememberQueue.delete(itemId);
    this.changed();
  }

  /** Sends what waits, oldest first, until the server cannot be reached; one send at a time. */
  send(): Promise<void> {
    this.sending ??= this.sendWaiting().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  private async sendWaiting(): Promise<void> {
    const mine = await localDatabase.rememberQueue.where("userId").equals(this.userId).toArray();
    const waiting = mine.filter((q) => q.refused === null).sort((a, b) => a.queuedAt - b.queuedAt);
    for (const queued of waiting) {
      try {
        await contextItemApi.remember(queued.channelId, queued.request);
        await localDatabase.rememberQueue.delete(queued.itemId);
      } catch (error) {
        if (error instanceof OfflineError) return;
        const why = error instanceof ApiError ? error.message : String(error);
        await localDatabase.rememberQueue.update(queued.itemId, { refused: why });
      } finally {
        this.changed();
      }
    }
  }

  private changed(): void {
    this.version.set(this.version.get() + 1);
  }
}
