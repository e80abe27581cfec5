import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-buckets.ts";

describe("TokenBuckets", () => {
  it("allows a burst, then the sustained rate, per key", () => {
    let now = 0;
    const buckets = new TokenBuckets(2, 5, () => now);
    const takes = (key: string, n: number) =>
      Array.from({ length: n }, () => buckets.take(key)).filter(Boolean).length;
    expect(takes("a", 8)).toBe(5);
    expect(takes("b", 1)).toBe(1);
    now += 1000;
    expect(takes("a", 3)).toBe(2);
    now += 60_000;
    expect(takes("a", 8)).toBe(5);
  });
});
