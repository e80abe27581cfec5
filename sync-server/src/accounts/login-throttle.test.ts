import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { DEFAULT_LIMITS, LoginThrottle } from "./login-throttle.ts";

function refused(throttle: LoginThrottle, account: string, address: string): number | null {
  try {
    throttle.check(account, address);
    return null;
  } catch (error) {
    if (error instanceof ApiError && error.code === "rate_limited")
      return error.retryAfterSeconds ?? 0;
    throw error;
  }
}

describe("LoginThrottle", () => {
  it("stops an address after five failures on an account, and only that address", () => {
    let now = 0;
    const throttle = new LoginThrottle(DEFAULT_LIMITS, () => now);
    for (let i = 0; i < 5; i++) {
      expect(refused(throttle, "ada@example.com", "203.0.113.1")).toBeNull();
      throttle.recordFailure("ada@example.com", "203.0.113.1");
    }
    expect(refused(throttle, "ada@example.com", "203.0.113.1")).toBe(15 * 60);
    expect(refused(throttle, "ADA@example.com", "203.0.113.1")).not.toBeNull();
    // The owner, from an address never seen, is not locked out by them.
    expect(refused(throttle, "ada@example.com", "198.51.100.7")).toBeNull();
    now += 15 * 60 * 1000 + 1;
    expect(refused(throttle, "ada@example.com", "203.0.113.1")).toBeNull();
  });

  it("stops an address spraying many accounts", () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 30; i++) throttle.recordFailure(`user${i}@example.com`, "203.0.113.1");
    expect(refused(throttle, "someone-else@example.com", "203.0.113.1")).not.toBeNull();
    expect(refused(throttle, "someone-else@example.com", "203.0.113.2")).toBeNull();
  });

  it("holds guesses from many addresses with a backstop that spares addresses known to the account", () => {
    let now = 0;
    const throttle = new LoginThrottle(DEFAULT_LIMITS, () => now);
    throttle.recordSuccess("ada@example.com", "198.51.100.7");
    for (let i = 0; i < DEFAULT_LIMITS.perAccountBackstop; i++) {
      const address = `203.0.113.${Math.floor(i / 4)}`;
      expect(refused(throttle, "ada@example.com", address)).toBeNull();
      throttle.recordFailure("ada@example.com", address);
    }
    // A hundred failures from 25 addresses: new addresses wait, Ada's own does not.
    expect(refused(throttle, "ada@example.com", "192.0.2.50")).not.toBeNull();
    expect(refused(throttle, "ada@example.com", "198.51.100.7")).toBeNull();
    // Other accounts are not affected.
    expect(refused(throttle, "bob@example.com", "192.0.2.50")).toBeNull();
    now += DEFAULT_LIMITS.backstopWindowMs + 1;
    expect(refused(throttle, "ada@example.com", "192.0.2.50")).toBeNull();
  });
});
