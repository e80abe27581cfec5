// Which thread documents this browser holds for one person, with their size and last use, in
// Dexie (`heldDocuments`): the offline budget evicts by it, and `holds` / `names` say whether a
// thread can be read offline. Channel documents are not listed: they are never evicted (small,
// and the channel list needs them).
//
// Sizes come from each document's store after its writes (many per second while an agent
// streams), so they are coalesced and saved together a second after the first. A use is an opening:
// `now`, except for a thread fetched in the background, which gets its last activity (so what the
// person opened stays ahead of what was fetched for them, and recent threads ahead of old ones).
import { parseDocumentName, threadDocumentName } from "@openvibe/schema";
import { liveQuery } from "dexie";
import type { HeldDocument, LocalDatabase } from "../local/database.ts";
import { Observable } from "../state/observable.ts";

/** How long sizes wait to be saved together. */
const SIZE_DELAY_MS = 1_000;

/** The rows of the documents held: those whose log holds something. */
function storedRows(rows: readonly HeldDocument[]): HeldDocument[] {
  return rows.filter((row) => row.bytes > 0);
}

function namesOf(rows: readonly HeldDocument[]): ReadonlySet<string> {
  return new Set(rows.map((row) => row.documentName));
}

export class HeldDocuments {
  /** Names of the thread documents held (their log holds something), in any tab. */
  readonly names = new Observable<ReadonlySet<string>>(new Set());
  /**
   * Names of the thread documents catalogued, in any tab: those held and those opened whose
   * first size is not saved yet, until evicted (what may hold messages: the search index keeps
   * to it, search/held-threads.ts).
   */
  readonly catalogued = new Observable<ReadonlySet<string>>(new Set());
  /** How many thread documents are held, and their bytes. */
  readonly usage = new Observable({ threads: 0, bytes: 0 });
  private readonly db: LocalDatabase;
  private readonly userId: string;
  private readonly sizes = new Map<string, number>();
  private sizeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Threads being fetched in the background, with their last activity (ms). */
  private readonly background = new Map<string, number>();
  private readonly stopWatching: () => void;

  constructor(db: LocalDatabase, userId: string) {
    this.db = db;
    this.userId = userId;
    const subscription = liveQuery(() => this.list()).subscribe({
      next: (rows) => {
        const stored = storedRows(rows);
        this.catalogued.set(namesOf(rows));
        this.names.set(namesOf(stored));
        this.usage.set({
          threads: stored.length,
          bytes: stored.reduce((sum, row) => sum + row.bytes, 0),
        });
      },
      error: (error: unknown) => reportError(error),
    });
    this.stopWatching = () => subscription.unsubscribe();
  }

  private key(documentName: string): string {
    return `${this.userId}/${documentName}`;
  }

  list(): Promise<HeldDocument[]> {
    return this.db.heldDocuments.where({ userId: this.userId }).toArray();
  }

  /** Bytes of every thread document held (sizes waiting are saved first). */
  async totalBytes(): Promise<number> {
    await this.saveSizes();
    return (await this.list()).reduce((sum, row) => sum + row.bytes, 0);
  }

  /** `catalogued` read now (it follows a moment later). */
  async cataloguedNames(): Promise<ReadonlySet<string>> {
    return namesOf(await this.list());
  }

  /** Whether the thread's document is held here (readable offline). */
  holds(channelId: string, threadId: string): boolean {
    return this.names.get().has(threadDocumentName(channelId, threadId));
  }

  /** The next opening of `documentName` is a background fetch of a thread last active at `activityAt`. */
  fetchingInBackground(documentName: string, activityAt: number): void {
    this.background.set(documentName, activityAt);
  }

  /** A document's store loaded: it is used now (or, fetched in the background, at its activity). */
  async opened(documentName: string): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed?.kind !== "thread") return;
    const activity = this.background.get(documentName);
    this.background.delete(documentName);
    const key = this.key(documentName);
    await this.db.transaction("rw", this.db.heldDocuments, async () => {
      const row = await this.db.heldDocuments.get(key);
      const usedAt = activity === undefined ? Date.now() : Math.max(activity, row?.usedAt ?? 0);
      await this.db.heldDocuments.put({
        key,
        userId: this.userId,
        documentName,
        channelId: parsed.channelId,
        threadId: parsed.threadId,
        bytes: row?.bytes ?? 0,
        usedAt,
      });
    });
  }

  /** A document's log now holds `bytes` (saved a moment later, with the other sizes). */
  stored(documentName: string, bytes: number): void {
    if (parseDocumentName(documentName)?.kind !== "thread") return;
    this.sizes.set(documentName, bytes);
    this.sizeTimer ??= setTimeout(
      () => void this.saveSizes().catch((error: unknown) => reportError(error)),
      SIZE_DELAY_MS,
    );
  }

  /** Saves the sizes waiting now (eviction reads them first). */
  async saveSizes(): Promise<void> {
    if (this.sizeTimer !== null) clearTimeout(this.sizeTimer);
    this.sizeTimer = null;
    const sizes = [...this.sizes];
    this.sizes.clear();
    if (sizes.length === 0) return;
    await this.db.transaction("rw", this.db.heldDocuments, async () => {
      for (const [documentName, bytes] of sizes) {
        const key = this.key(documentName);
        const row = await this.db.heldDocuments.get(key);
        if (row === undefined) await this.opened(documentName);
        await this.db.heldDocuments.update(key, { bytes });
      }
    });
  }

  /** A background fetch synced the document as of its thread's activity at `activityAt`. */
  async fetched(documentName: string, activityAt: number): Promise<void> {
    await this.db.heldDocuments.update(this.key(documentName), { fetchedAt: activityAt });
  }

  /** Forgets an evicted document, unless it was opened again since `row` was read. */
  async forget(row: HeldDocument): Promise<void> {
    await this.db.transaction("rw", this.db.heldDocuments, async () => {
      const now = await this.db.heldDocuments.get(row.key);
      if (now?.usedAt === row.usedAt) await this.db.heldDocuments.delete(row.key);
    });
  }

  /** Stops watching, saving the sizes still waiting. */
  async destroy(): Promise<void> {
    this.stopWatching();
    await this.saveSizes();
  }
}
