import { describe, expect, it } from "vitest";
import { effectiveTheme } from "./theme.ts";

describe("effectiveTheme", () => {
  it("follows the workspace unless this device chose otherwise", () => {
    expect(effectiveTheme("workspace", "dark")).toBe("dark");
    expect(effectiveTheme("workspace", undefined)).toBe("system");
    expect(effectiveTheme("light", "dark")).toBe("light");
    expect(effectiveTheme("system", "light")).toBe("system");
  });
});
