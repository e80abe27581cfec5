// Failed-login limits, per account and per address, over a sliding window,
// so password guessing is slow whoever it targets. Held in memory: one
// server process per workspace, and a restart only forgives.
import { ApiError } from "../errors.ts";

export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  perAccount: 5,
  perAddress: 30,
  windowMs: 15 * 60 * 1000,
};

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly limits: ThrottleLimits;
  private readonly now: () => number;

  constructor(limits: ThrottleLimits = DEFAULT_LIMITS, now: () => number = Date.now) {
    this.limits = limits;
    this.now = now;
  }

  /** Throws rate_limited when either key has failed too often recently. */
  check(account: string, address: string): void {
    const waits = [
      this.waitMs(`account:${account}`, this.limits.perAccount),
      this.waitMs(`address:${address}`, this.limits.perAddress),
    ];
    const wait = Math.max(...waits);
    if (wait > 0) {
      throw new ApiError("rate_limited", "too many failed sign-in attempts; try again later", {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
  }

  recordFailure(account: string, address: string): void {
    for (const key of [`account:${account}`, `address:${address}`]) {
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
  }

  recordSuccess(account: string): void {
    this.failures.delete(`account:${account}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > cutoff);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    return recent;
  }

  private waitMs(key: string, limit: number): number {
    const recent = this.recent(key);
    if (recent.length < limit) return 0;
    const oldest = recent[recent.length - limit] ?? this.now();
    return oldest + this.limits.windowMs - this.now();
  }
}
