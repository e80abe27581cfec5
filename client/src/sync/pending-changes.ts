// How many local changes of one channel copy the server has not acknowledged, kept across
// reloads. The provider counts only what it sent since the page loaded, so after a reload offline
// it said "all synced" though the server had none of them. Each local change (an operation of
// @openvibe/schema, whatever its origin's source) adds one and is saved at once; the server
// acknowledging everything the copy sent resets it. localStorage: one small synchronous value
// per copy, read before the copy is shown.

export class PendingChanges {
  private readonly key: string;
  private count: number;

  constructor(key: string) {
    this.key = key;
    const stored = Number(localStorage.getItem(key));
    this.count = Number.isSafeInteger(stored) && stored > 0 ? stored : 0;
  }

  get(): number {
    return this.count;
  }

  added(): void {
    this.count += 1;
    localStorage.setItem(this.key, String(this.count));
  }

  acknowledged(): void {
    if (this.count === 0) return;
    this.count = 0;
    localStorage.removeItem(this.key);
  }
}
