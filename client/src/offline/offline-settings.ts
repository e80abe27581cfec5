// This device's offline settings, in localStorage: how many of each joined channel's most
// recently active threads are fetched in the background (so they read offline), and how many
// bytes thread documents may take before the least recently used are evicted.
import { Observable } from "../state/observable.ts";

/** Threads fetched per joined channel unless the person changes it. */
export const DEFAULT_THREADS_PER_CHANNEL = 50;
/** Bytes of thread documents kept unless the person changes it (the files cache's default too). */
export const DEFAULT_THREAD_BUDGET = 200 * 1024 * 1024;

const THREADS_KEY = "openvibe.offlineThreadsPerChannel";
const BUDGET_KEY = "openvibe.offlineThreadBudget";

function storedNumber(storage: Storage, key: string, fallback: number, min: number): number {
  const stored = Number(storage.getItem(key) ?? Number.NaN);
  return Number.isSafeInteger(stored) && stored >= min ? stored : fallback;
}

export class OfflineSettings {
  readonly threadsPerChannel: Observable<number>;
  readonly budgetBytes: Observable<number>;
  private readonly storage: Storage;

  constructor(storage: Storage = localStorage) {
    this.storage = storage;
    this.threadsPerChannel = new Observable(
      storedNumber(storage, THREADS_KEY, DEFAULT_THREADS_PER_CHANNEL, 0),
    );
    this.budgetBytes = new Observable(storedNumber(storage, BUDGET_KEY, DEFAULT_THREAD_BUDGET, 1));
  }

  setThreadsPerChannel(count: number): void {
    this.storage.setItem(THREADS_KEY, String(count));
    this.threadsPerChannel.set(count);
  }

  setBudgetBytes(bytes: number): void {
    this.storage.setItem(BUDGET_KEY, String(bytes));
    this.budgetBytes.set(bytes);
  }
}
