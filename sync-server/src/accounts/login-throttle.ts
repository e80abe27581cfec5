// Failed-sign-in limits over sliding windows, so password guessing is slow
// whoever it targets, without letting anyone lock others out:
// - per (account, address): a few failures, then that address waits for that
//   account (the usual lockout, but only for the address that failed);
// - per address: more failures over any accounts (one address spraying many);
// - per account over every address: a slower backstop against guessing from
//   many addresses; while it holds, only addresses that signed in to the account
//   before (within `knownForMs`) may still try.
// So a correct password from a new address is not refused because of failures
// from other addresses, until those reach the backstop. Held in memory: one
// server process per workspace, and a restart only forgives.
import { ApiError } from "../errors.ts";
import { SlidingWindow } from "../rate-limit/sliding-window.ts";

export interface ThrottleLimits {
  /** Failures per (account, address) in `windowMs`. */
  perAccountAddress: number;
  /** Failures per address, over any accounts, in `windowMs`. */
  perAddress: number;
  windowMs: number;
  /** Failures per account, from every address, in `backstopWindowMs`. */
  perAccountBackstop: number;
  backstopWindowMs: number;
  /** How long an address that signed in to an account stays known for it. */
  knownForMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  perAccountAddress: 5,
  perAddress: 30,
  windowMs: 15 * 60 * 1000,
  perAccountBackstop: 100,
  backstopWindowMs: 60 * 60 * 1000,
  knownForMs: 30 * 24 * 60 * 60 * 1000,
};

export class LoginThrottle {
  private readonly failures: SlidingWindow;
  private readonly backstop: SlidingWindow;
  private readonly limits: ThrottleLimits;
  private readonly now: () => number;
  /** account -> address -> when it last signed in from there. */
  private readonly known = new Map<string, Map<string, number>>();

  constructor(limits: ThrottleLimits = DEFAULT_LIMITS, now: () => number = Date.now) {
    this.limits = limits;
    this.now = now;
    this.failures = new SlidingWindow(limits.windowMs, now);
    this.backstop = new SlidingWindow(limits.backstopWindowMs, now);
  }

  /** Throws rate_limited when this address may not try this account now. */
  check(account: string, address: string): void {
    const account_ = normalise(account);
    let wait = Math.max(
      this.failures.waitMs(pairKey(account_, address), this.limits.perAccountAddress),
      this.failures.waitMs(`address:${address}`, this.limits.perAddress),
    );
    if (!this.isKnown(account_, address)) {
      wait = Math.max(wait, this.backstop.waitMs(account_, this.limits.perAccountBackstop));
    }
    if (wait > 0) {
      throw new ApiError("rate_limited", "too many failed sign-in attempts; try again later", {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
  }

  recordFailure(account: string, address: string): void {
    const account_ = normalise(account);
    this.failures.record(pairKey(account_, address));
    this.failures.record(`address:${address}`);
    this.backstop.record(account_);
  }

  /** Forgets this address's failures on the account and remembers the address for it. */
  recordSuccess(account: string, address: string): void {
    const account_ = normalise(account);
    this.failures.forget(pairKey(account_, address));
    const addresses = this.known.get(account_) ?? new Map<string, number>();
    addresses.set(address, this.now());
    this.known.set(account_, addresses);
  }

  private isKnown(account: string, address: string): boolean {
    const at = this.known.get(account)?.get(address);
    return at !== undefined && this.now() - at < this.limits.knownForMs;
  }
}

function normalise(account: string): string {
  return account.trim().toLowerCase();
}

function pairKey(account: string, address: string): string {
  return `pair:${address}\u0000${account}`;
}
