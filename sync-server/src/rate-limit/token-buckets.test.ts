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

describe("TokenBuckets turns", () => {
  it("gives each refused event the next token to come, in order, and each finds it then", () => {
    let now = 0;
    // One token every 500 ms, two at once.
    const buckets = new TokenBuckets(2, 2, () => now);
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([true, true, false]);
    const turns = [buckets.turnMs("a"), buckets.turnMs("a"), buckets.turnMs("a")];
    expect(turns).toEqual([500, 1000, 1500]);
    // Each comes back at its turn and is let in.
    for (const turn of turns) {
      now = turn;
      expect(buckets.take("a")).toBe(true);
    }
    // Turns given long ago do not hold a later refusal back: it waits for the next token only.
    now += 60_000;
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([true, true, false]);
    expect(buckets.turnMs("a")).toBe(500);
    expect(buckets.turnMs("b")).toBe(0);
  });
});
