// A split channel's threads older than its index's window (docs/history-split.md): the channel
// document holds the digests of the most recently active THREAD_INDEX_WINDOW threads (plus those
// with open forks or pins); the rest are paged from the server as the person scrolls past the
// window, and the pages fetched are kept in Dexie, so they still list offline.
import {
  indexedThreadSummary,
  type Stamp,
  THREAD_INDEX_WINDOW,
  type ThreadIndexSummary,
  type ThreadListItem,
  type ThreadsPage,
} from "@openvibe/schema";
import { api } from "../api/endpoints.ts";
import type { LocalDatabase } from "../local/database.ts";
import { Observable } from "./observable.ts";

/** Threads per page asked of the server. */
const PAGE_SIZE = 50;

/**
 * The server's cursor naming a thread (`next` of a page: schema's api/threads.ts), to ask for the
 * threads after the oldest one the channel document lists.
 */
function cursorOf(thread: { lastActivityAt: Stamp; id: string }): string {
  return `${thread.lastActivityAt}~${thread.id}`;
}

/** Whether threads older than the index may exist: its window is full. */
export function mayHaveOlderThreads(index: readonly ThreadIndexSummary[]): boolean {
  return index.filter((thread) => thread.digest !== null).length >= THREAD_INDEX_WINDOW;
}

/** The older threads as the channel lists them (a digest, like the index's). */
export function olderSummaries(
  older: readonly ThreadListItem[],
  index: readonly ThreadIndexSummary[],
): ThreadIndexSummary[] {
  const listed = new Set(index.map((thread) => thread.id));
  return older
    .filter((item) => !listed.has(item.threadId))
    .map(({ threadId, digest }) => indexedThreadSummary(threadId, digest));
}

export class OlderThreads {
  /** The pages fetched so far (from Dexie first), oldest last; `next` null once at the end. */
  readonly page = new Observable<ThreadsPage | null>(null);
  readonly loading = new Observable(false);
  private readonly key: `older-threads:${string}`;
  private readonly db: LocalDatabase;
  private readonly channelId: string;

  constructor(db: LocalDatabase, userId: string, channelId: string) {
    this.db = db;
    this.channelId = channelId;
    this.key = `older-threads:${userId}:${channelId}`;
  }

  /** Reads the pages kept from earlier visits. */
  async restore(): Promise<void> {
    const kept = await this.db.singletons.get(this.key);
    if (kept !== undefined && this.page.get() === null) this.page.set(kept.value as ThreadsPage);
  }

  /** Fetches the next page, after the kept ones or after `oldest` (the index's oldest thread). */
  async more(oldest: { lastActivityAt: Stamp; id: string }): Promise<void> {
    const current = this.page.get();
    if (this.loading.get() || (current !== null && current.next === null)) return;
    this.loading.set(true);
    try {
      const before = current?.next ?? cursorOf(oldest);
      const fetched = await api.channelThreads(this.channelId, before, PAGE_SIZE);
      const next: ThreadsPage = {
        threads: [...(current?.threads ?? []), ...fetched.threads],
        next: fetched.next,
      };
      this.page.set(next);
      await this.db.singletons.put({ key: this.key, value: next });
    } finally {
      this.loading.set(false);
    }
  }
}
