import { describe, expect, it } from "vitest";
import { AVATAR_COLOURS, defaultAvatarColour } from "../src/index.ts";

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const value = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

describe("default avatar colours", () => {
  it("give a person the same colour everywhere, spread over the palette", () => {
    expect(defaultAvatarColour("01HXYZ")).toBe(defaultAvatarColour("01HXYZ"));
    const used = new Set(Array.from({ length: 200 }, (_, i) => defaultAvatarColour(`user-${i}`)));
    expect(used.size).toBe(AVATAR_COLOURS.length);
  });

  it("keep white initials readable (WCAG contrast at least 4.5:1)", () => {
    for (const colour of AVATAR_COLOURS) {
      expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
