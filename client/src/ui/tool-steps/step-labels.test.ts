import { describe, expect, it } from "vitest";
import { durationLabel, outcomeLabel, stepsHeading } from "./step-labels.ts";

describe("tool step labels", () => {
  it("says how long a call took", () => {
    expect(durationLabel(null)).toBe("");
    expect(durationLabel(849.6)).toBe("850 ms");
    expect(durationLabel(2_440)).toBe("2.4 s");
    expect(durationLabel(65_000)).toBe("1 min 5 s");
  });

  it("names outcomes and sums up a reply's calls", () => {
    expect(outcomeLabel("cancelled")).toBe("stopped");
    expect(stepsHeading(["ok"])).toBe("1 tool call");
    expect(stepsHeading(["ok", "error", "running"])).toBe("3 tool calls · 1 failed · running…");
    expect(stepsHeading(["denied", "awaiting"])).toBe("2 tool calls · awaiting approval");
  });
});
