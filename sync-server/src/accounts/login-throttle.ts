// Failed-login limits, per account and per address, over a sliding window,
// so password guessing is slow whoever it targets. Held in memory: one
// server process per workspace, and a restart only forgives.
import { ApiError } from "../errors.ts";
import { SlidingWindow } from "../rate-limit/sliding-window.ts";

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
  private readonly failures: SlidingWindow;
  private readonly limits: ThrottleLimits;

  constructor(limits: ThrottleLimits = DEFAULT_LIMITS, now: () => number = Date.now) {
    this.limits = limits;
    this.failures = new SlidingWindow(limits.windowMs, now);
  }

  /** Throws rate_limited when either key has failed too often recently. */
  check(account: string, address: string): void {
    const wait = Math.max(
      this.failures.waitMs(`account:${account}`, this.limits.perAccount),
      this.failures.waitMs(`address:${address}`, this.limits.perAddress),
    );
    if (wait > 0) {
      throw new ApiError("rate_limited", "too many failed sign-in attempts; try again later", {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
  }

  recordFailure(account: string, address: string): void {
    this.failures.record(`account:${account}`);
    this.failures.record(`address:${address}`);
  }

  recordSuccess(account: string): void {
    this.failures.forget(`account:${account}`);
  }
}
