// Files and thumbnails this browser has seen, kept in IndexedDB within a budget the person sets
// (least recently used go first), so what was seen stays viewable offline. A file not cached is
// fetched with the session's cookie; the server checks access on every request.
import { Observable } from "../state/observable.ts";
import { type FilesDatabase, type FileVariant, filesDatabase } from "./files-database.ts";

export type FileLookup =
  | { kind: "ready"; blob: Blob }
  /** The uploader's bytes have not reached the server yet. */
  | { kind: "pending" }
  /** Deleted, or no longer readable by this person. */
  | { kind: "missing" }
  | { kind: "offline" };

export interface CacheUsage {
  bytes: number;
  files: number;
  budget: number;
}

const BUDGET_KEY = "openvibe.fileCacheBudget";
export const DEFAULT_CACHE_BUDGET = 200 * 1024 * 1024;

/** Where the person's budget is kept: this device's localStorage. */
export interface BudgetSetting {
  get(): string | null;
  set(value: string): void;
}

const localBudget: BudgetSetting = {
  get: () => localStorage.getItem(BUDGET_KEY),
  set: (value) => localStorage.setItem(BUDGET_KEY, value),
};

export function fileUrl(attachmentId: string, variant: FileVariant): string {
  return `/api/files/${attachmentId}${variant === "thumbnail" ? "/thumbnail" : ""}`;
}

export class FileCache {
  readonly usage: Observable<CacheUsage>;
  private readonly db: FilesDatabase;
  private readonly setting: BudgetSetting;
  /** The last use stamped: uses in one millisecond still get an order. */
  private lastUse = 0;

  /** `start`: when to measure what the cache holds (at once by default). */
  constructor(
    db: FilesDatabase = filesDatabase,
    setting: BudgetSetting = localBudget,
    start: Promise<unknown> = Promise.resolve(),
  ) {
    this.db = db;
    this.setting = setting;
    this.usage = new Observable<CacheUsage>({ bytes: 0, files: 0, budget: this.budget() });
    void start.then(() => this.measure());
  }

  budget(): number {
    const stored = Number(this.setting.get());
    return Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_CACHE_BUDGET;
  }

  async setBudget(bytes: number): Promise<void> {
    this.setting.set(String(bytes));
    await this.evict();
  }

  async get(attachmentId: string, variant: FileVariant): Promise<FileLookup> {
    const key = `${attachmentId}/${variant}`;
    const cached = await this.db.cache.get(key);
    if (cached !== undefined) {
      await this.db.cache.update(key, { usedAt: this.stampUse() });
      return { kind: "ready", blob: cached.blob };
    }
    let response: Response;
    try {
      response = await fetch(fileUrl(attachmentId, variant), { credentials: "same-origin" });
    } catch {
      return { kind: "offline" };
    }
    if (response.status === 409) return { kind: "pending" };
    if (!response.ok) return { kind: "missing" };
    const blob = await response.blob();
    await this.put(attachmentId, variant, blob);
    return { kind: "ready", blob };
  }

  async put(attachmentId: string, variant: FileVariant, blob: Blob): Promise<void> {
    await this.db.cache.put({
      key: `${attachmentId}/${variant}`,
      blob,
      size: blob.size,
      usedAt: this.stampUse(),
    });
    await this.evict();
  }

  private stampUse(): number {
    this.lastUse = Math.max(Date.now(), this.lastUse + 1);
    return this.lastUse;
  }

  async clear(): Promise<void> {
    await this.db.cache.clear();
    await this.measure();
  }

  /** Drops the least recently used files until the cache fits its budget. */
  private async evict(): Promise<void> {
    const budget = this.budget();
    const entries = await this.db.cache.orderBy("usedAt").toArray();
    let bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
    const gone: string[] = [];
    for (const entry of entries) {
      if (bytes <= budget) break;
      gone.push(entry.key);
      bytes -= entry.size;
    }
    if (gone.length > 0) await this.db.cache.bulkDelete(gone);
    this.usage.set({ bytes, files: entries.length - gone.length, budget });
  }

  private async measure(): Promise<void> {
    const entries = await this.db.cache.toArray();
    const bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
    this.usage.set({ bytes, files: entries.length, budget: this.budget() });
  }
}
