import { AVATAR_COLOURS } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { initialsOf, textColourOn } from "./avatar.ts";

describe("default avatars", () => {
  it("take the first letters of the first and last words", () => {
    expect(initialsOf("Ada Lovelace")).toBe("AL");
    expect(initialsOf("  grace  brewster murray hopper ")).toBe("GH");
    expect(initialsOf("Claude")).toBe("C");
    expect(initialsOf("émile zola")).toBe("ÉZ");
    expect(initialsOf("🦊 Fox")).toBe("🦊F");
    expect(initialsOf("   ")).toBe("?");
  });

  it("write the initials in whichever of black and white reads better", () => {
    for (const colour of AVATAR_COLOURS) expect(textColourOn(colour)).toBe("#ffffff");
    expect(textColourOn("#ffeb3b")).toBe("#000000");
    expect(textColourOn("#f0f0f0")).toBe("#000000");
    expect(textColourOn("#000000")).toBe("#ffffff");
  });
});
