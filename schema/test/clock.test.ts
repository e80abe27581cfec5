import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareByStampThenId,
  formatStamp,
  isStamp,
  nextStamp,
  parseStamp,
  stampWallTime,
} from "../src/index.ts";

describe("HLC stamps", () => {
  it("are fixed width, so string order is time order", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.nat({ max: 2 ** 47 }), fc.nat({ max: 999_999 })),
        fc.tuple(fc.nat({ max: 2 ** 47 }), fc.nat({ max: 999_999 })),
        ([wallA, counterA], [wallB, counterB]) => {
          const a = formatStamp(wallA, counterA);
          const b = formatStamp(wallB, counterB);
          const numeric = wallA - wallB || counterA - counterB;
          expect(a < b).toBe(numeric < 0);
        },
      ),
    );
  });

  it("reads back their parts and wall-clock time", () => {
    const stamp = formatStamp(1_700_000_000_123, 42);
    expect(stamp).toBe("001700000000123.000042");
    expect(isStamp(stamp)).toBe(true);
    expect(parseStamp(stamp)).toEqual({ wallMs: 1_700_000_000_123, counter: 42 });
    expect(stampWallTime(stamp)).toBe(1_700_000_000_123);
    expect(stampWallTime("yesterday")).toBeUndefined();
    expect(isStamp("1700000000123.1")).toBe(false);
  });

  it("use the local clock when it is ahead of everything seen", () => {
    expect(nextStamp(formatStamp(1_000, 5), 2_000)).toBe(formatStamp(2_000, 0));
    expect(nextStamp(undefined, 2_000)).toBe(formatStamp(2_000, 0));
  });

  it("tick after the latest stamp seen when the local clock is behind or equal", () => {
    expect(nextStamp(formatStamp(5_000, 3), 1_000)).toBe(formatStamp(5_000, 4));
    expect(nextStamp(formatStamp(5_000, 3), 5_000)).toBe(formatStamp(5_000, 4));
    expect(nextStamp(formatStamp(5_000, 999_999), 1_000)).toBe(formatStamp(5_001, 0));
  });

  it("clamp nonsense clocks instead of producing unsortable stamps", () => {
    expect(nextStamp(undefined, Number.NaN)).toBe(formatStamp(0, 0));
    expect(nextStamp(undefined, -5)).toBe(formatStamp(0, 0));
  });

  it("order equal stamps by id", () => {
    const at = formatStamp(1, 0);
    const items = [
      { createdAt: at, id: "b" },
      { createdAt: formatStamp(0, 9), id: "z" },
      { createdAt: at, id: "a" },
    ];
    expect(items.sort(compareByStampThenId).map((item) => item.id)).toEqual(["z", "a", "b"]);
  });
});
