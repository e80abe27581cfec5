// How many local changes of one channel copy the server has not acknowledged, kept across
// reloads. The provider counts only what it sent since the page loaded, so after a reload offline
// it said "all synced" though the server had none of them. Each local change (an operation of
// @openvibe/schema, whatever its origin's source) adds one and is saved at once; the server
// acknowledging everything the copy sent resets it. localStorage: one small synchronous value
// per copy, read before the copy is shown.
import { Observable } from "../state/observable.ts";

/** The count stored under `key` (0 when there is none or it is not a count). */
export function storedCount(key: string): number {
  const stored = Number(localStorage.getItem(key));
  return Number.isSafeInteger(stored) && stored > 0 ? stored : 0;
}

export class PendingChanges {
  readonly count: Observable<number>;
  private readonly key: string;

  constructor(key: string) {
    this.key = key;
    this.count = new Observable(storedCount(key));
  }

  added(): void {
    const next = this.count.get() + 1;
    localStorage.setItem(this.key, String(next));
    this.count.set(next);
  }

  acknowledged(): void {
    if (this.count.get() === 0) return;
    localStorage.removeItem(this.key);
    this.count.set(0);
  }
}
