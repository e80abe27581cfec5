import { describe, expect, it } from "vitest";
import { shouldCompact } from "./compaction-policy.ts";

describe("shouldCompact", () => {
  it("waits for the configured number of updates", () => {
    expect(shouldCompact({ snapshotBytes: 0, tailUpdates: 999, tailBytes: 200_000 }, 1000)).toBe(
      false,
    );
    expect(shouldCompact({ snapshotBytes: 0, tailUpdates: 1000, tailBytes: 200_000 }, 1000)).toBe(
      true,
    );
  });

  it("lets a large snapshot's tail grow to a tenth of it before rewriting it", () => {
    const large = { snapshotBytes: 40_000_000, tailUpdates: 5000 };
    expect(shouldCompact({ ...large, tailBytes: 2_000_000 }, 1000)).toBe(false);
    expect(shouldCompact({ ...large, tailBytes: 4_000_000 }, 1000)).toBe(true);
  });
});
