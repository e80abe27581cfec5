// The eviction rule, over random sets of held thread documents: it never picks a protected one,
// it frees enough when it can, it frees no more than needed, and it always takes the least
// recently used first.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseEvictions, type EvictionCandidate } from "./eviction-policy.ts";

const heldSets = fc.uniqueArray(
  fc.record({
    documentName: fc.string({ minLength: 1, maxLength: 6 }).map((id) => `thread:c:${id}`),
    bytes: fc.nat({ max: 1000 }),
    usedAt: fc.nat({ max: 50 }),
    protected: fc.boolean(),
  }),
  { selector: (each) => each.documentName, maxLength: 30 },
);

const sum = (rows: readonly EvictionCandidate[]) => rows.reduce((n, each) => n + each.bytes, 0);

describe("choosing thread documents to evict", () => {
  it("keeps protected ones, fits the budget when it can, frees no more than needed, oldest first", () => {
    fc.assert(
      fc.property(heldSets, fc.nat({ max: 20_000 }), (held, budget) => {
        const isProtected = (name: string) =>
          held.find((each) => each.documentName === name)?.protected === true;
        const evicted = new Set(chooseEvictions(held, budget, isProtected));
        const kept = held.filter((each) => !evicted.has(each.documentName));
        const gone = held.filter((each) => evicted.has(each.documentName));

        expect(gone.every((each) => !each.protected)).toBe(true);
        const evictable = kept.filter((each) => !each.protected);
        if (evictable.length > 0) expect(sum(kept)).toBeLessThanOrEqual(budget);
        // Without the last one evicted, the rest would not have fitted.
        const last = chooseEvictions(held, budget, isProtected).at(-1);
        const lastRow = gone.find((each) => each.documentName === last);
        if (lastRow !== undefined) expect(sum(kept) + lastRow.bytes).toBeGreaterThan(budget);
        // Nothing kept and evictable was used before something evicted.
        for (const stays of evictable) {
          for (const left of gone) expect(stays.usedAt).toBeGreaterThanOrEqual(left.usedAt);
        }
      }),
    );
  });

  it("evicts nothing within the budget", () => {
    const held = [{ documentName: "thread:c:a", bytes: 10, usedAt: 1 }];
    expect(chooseEvictions(held, 10, () => false)).toEqual([]);
  });
});
