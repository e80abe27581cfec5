// The outbox: files attached in this browser, kept in IndexedDB with their bytes until the
// server has them, and uploaded by themselves whenever the browser is online (at once, again on
// the "online" event, and every RETRY_MS while some wait). A refusal (too large, a lying type)
// stops that file with the server's reason until the person removes it; anything else (offline,
// a full disk on the server) is tried again later. What uploaded goes into the cache, so the
// uploader never downloads their own file.
import { ApiError, OfflineError } from "../api/http.ts";
import { Observable } from "../state/observable.ts";
import type { FileCache } from "./file-cache.ts";
import { type FilesDatabase, filesDatabase, type OutboxEntry } from "./files-database.ts";
import type { PreparedFile } from "./prepare-file.ts";
import { uploadFile } from "./upload-protocol.ts";

const RETRY_MS = 15_000;

export interface PendingUpload {
  channelId: string;
  blob: Blob;
  /** The server's reason for refusing it, or null while it waits or uploads. */
  error: string | null;
  /** Bytes the server has. */
  sent: number;
}

/** Server answers worth trying again later; any other refusal is final for that file. */
function isTransient(error: unknown): boolean {
  if (error instanceof OfflineError) return true;
  return error instanceof ApiError && (error.status >= 500 || error.code === "rate_limited");
}

export class Outbox {
  /** This person's files waiting for the server, by attachment id. */
  readonly pending = new Observable<ReadonlyMap<string, PendingUpload>>(new Map());
  private readonly userId: string;
  private readonly cache: FileCache;
  private readonly db: FilesDatabase;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onOnline = () => this.kick();

  private destroyed = false;

  /** `start`: when to read what waits and start sending it (at once by default). */
  constructor(
    userId: string,
    cache: FileCache,
    db: FilesDatabase = filesDatabase,
    start: Promise<unknown> = Promise.resolve(),
  ) {
    this.userId = userId;
    this.cache = cache;
    this.db = db;
    window.addEventListener("online", this.onOnline);
    void start.then(async () => {
      if (this.destroyed) return;
      await this.refresh();
      this.kick();
    });
  }

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener("online", this.onOnline);
    if (this.timer !== null) clearTimeout(this.timer);
  }

  /** Keeps the file (bytes included) for `channelId` and starts sending it. */
  async add(channelId: string, file: PreparedFile): Promise<void> {
    await this.db.outbox.put({
      attachmentId: file.record.id,
      userId: this.userId,
      channelId,
      record: file.record,
      blob: file.blob,
      error: null,
      createdAt: Date.now(),
    });
    await this.refresh();
    this.kick();
  }

  /** Cancels a file's upload (the server forgets a partial one after its grace period). */
  async remove(attachmentId: string): Promise<void> {
    await this.db.outbox.delete(attachmentId);
    await this.refresh();
  }

  /** Sends what waits; a call while sending makes one more pass afterwards. */
  kick(): void {
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    const entries = await this.entries();
    let waiting = false;
    for (const entry of entries) {
      if (entry.error !== null) continue;
      try {
        await uploadFile(entry.channelId, entry.record, entry.blob, (sent) =>
          this.progress(entry.attachmentId, sent),
        );
        await this.cache.put(entry.attachmentId, "original", entry.blob);
        await this.db.outbox.delete(entry.attachmentId);
      } catch (error) {
        if (isTransient(error)) {
          waiting = true;
          if (error instanceof OfflineError) break;
        } else {
          const reason = error instanceof Error ? error.message : String(error);
          await this.db.outbox.update(entry.attachmentId, { error: reason });
        }
      }
      await this.refresh();
    }
    await this.refresh();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = waiting ? setTimeout(() => this.kick(), RETRY_MS) : null;
  }

  private entries(): Promise<OutboxEntry[]> {
    return this.db.outbox.where("userId").equals(this.userId).sortBy("createdAt");
  }

  private progress(attachmentId: string, sent: number): void {
    const current = this.pending.get().get(attachmentId);
    if (current === undefined) return;
    const next = new Map(this.pending.get());
    next.set(attachmentId, { ...current, sent });
    this.pending.set(next);
  }

  private async refresh(): Promise<void> {
    const entries = await this.entries();
    const previous = this.pending.get();
    this.pending.set(
      new Map(
        entries.map((entry) => [
          entry.attachmentId,
          {
            channelId: entry.channelId,
            blob: entry.blob,
            error: entry.error,
            sent: previous.get(entry.attachmentId)?.sent ?? 0,
          },
        ]),
      ),
    );
  }
}
