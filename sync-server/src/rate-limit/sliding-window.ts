// Counts events per key over a sliding time window, in memory.

export class SlidingWindow {
  private readonly events = new Map<string, number[]>();
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(windowMs: number, now: () => number = Date.now) {
    this.windowMs = windowMs;
    this.now = now;
  }

  record(key: string): void {
    this.events.set(key, [...this.recent(key), this.now()]);
  }

  forget(key: string): void {
    this.events.delete(key);
  }

  /** Milliseconds until `key` has fewer than `limit` events in the window (0: now). */
  waitMs(key: string, limit: number): number {
    const recent = this.recent(key);
    if (recent.length < limit) return 0;
    const oldest = recent[recent.length - limit] ?? this.now();
    return oldest + this.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const recent = (this.events.get(key) ?? []).filter((at) => at > cutoff);
    if (recent.length === 0) this.events.delete(key);
    else this.events.set(key, recent);
    return recent;
  }
}
