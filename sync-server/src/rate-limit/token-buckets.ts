// A token bucket per key, in memory: `ratePerSecond` on average, up to `burst` at once. O(1) per
// event, for hot paths (every update a peer sends). An event refused for want of a token gets
// a turn (`turnMs`): when a token is there for it, each refused event of a key since taking the
// next token to come, so a peer told to come back then finds its token, and a backlog of refused
// events comes back spread at the rate rather than all at once.

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Per key: when the next refused event's turn comes (epoch ms), once one was given. */
  private readonly turns = new Map<string, number>();
  private readonly ratePerSecond: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(ratePerSecond: number, burst: number, now: () => number = Date.now) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.now = now;
  }

  /** Takes one token for `key`: false when it has none left (the event is over the rate). */
  take(key: string): boolean {
    const bucket = this.refilled(key);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /**
   * For an event `take` refused: in how many milliseconds its turn comes. The first refused
   * event waits for the next token; each one after it for the token after the last turn given.
   */
  turnMs(key: string): number {
    const now = this.now();
    const bucket = this.refilled(key);
    const tokenAt = now + ((1 - bucket.tokens) / this.ratePerSecond) * 1000;
    const turn = Math.max(tokenAt, this.turns.get(key) ?? 0);
    this.turns.set(key, turn + 1000 / this.ratePerSecond);
    return Math.max(0, turn - now);
  }

  private refilled(key: string): { tokens: number; at: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
