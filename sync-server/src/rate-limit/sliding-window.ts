// Counts events per key over a sliding time window, in memory. Keys whose
// events have all expired are swept now and then, so keys an attacker makes up
// (addresses, accounts) do not accumulate.

/** Events recorded between sweeps of expired keys. */
const SWEEP_EVERY = 1000;

export class SlidingWindow {
  private readonly events = new Map<string, number[]>();
  private readonly windowMs: number;
  private readonly now: () => number;
  private recordsSinceSweep = 0;

  constructor(windowMs: number, now: () => number = Date.now) {
    this.windowMs = windowMs;
    this.now = now;
  }

  record(key: string): void {
    this.events.set(key, [...this.recent(key), this.now()]);
    this.recordsSinceSweep += 1;
    if (this.recordsSinceSweep >= SWEEP_EVERY) this.sweep();
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

  /** Keys with events in the window (for tests). */
  get size(): number {
    return this.events.size;
  }

  private sweep(): void {
    this.recordsSinceSweep = 0;
    const cutoff = this.now() - this.windowMs;
    for (const [key, times] of this.events) {
      if ((times[times.length - 1] ?? 0) <= cutoff) this.events.delete(key);
    }
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const recent = (this.events.get(key) ?? []).filter((at) => at > cutoff);
    if (recent.length === 0) this.events.delete(key);
    else this.events.set(key, recent);
    return recent;
  }
}
