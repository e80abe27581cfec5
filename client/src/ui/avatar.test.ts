import { describe, expect, it } from "vitest";
import { AVATAR_COLOURS, colourOf, initialsOf } from "./avatar.ts";

function luminance(hex: string): number {
  const channel = (i: number) => {
    const value = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

describe("default avatars", () => {
  it("take the first letters of the first and last words", () => {
    expect(initialsOf("Ada Lovelace")).toBe("AL");
    expect(initialsOf("  grace  brewster murray hopper ")).toBe("GH");
    expect(initialsOf("Claude")).toBe("C");
    expect(initialsOf("émile zola")).toBe("ÉZ");
    expect(initialsOf("🦊 Fox")).toBe("🦊F");
    expect(initialsOf("   ")).toBe("?");
  });

  it("give a person the same readable colour everywhere", () => {
    expect(colourOf("01HXYZ")).toBe(colourOf("01HXYZ"));
    const used = new Set(Array.from({ length: 200 }, (_, i) => colourOf(`user-${i}`)));
    expect(used.size).toBe(AVATAR_COLOURS.length);
    for (const colour of AVATAR_COLOURS) {
      // White text on the colour: WCAG's contrast ratio.
      expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
