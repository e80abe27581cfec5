import { describe, expect, it } from "vitest";
import { whoReacted } from "./who-reacted.ts";

const NAMES = new Map([
  ["a", "Ada"],
  ["b", "Bob"],
  ["c", "Cy"],
]);
const nameOf = (id: string) => NAMES.get(id) ?? id;

describe("whoReacted", () => {
  it("names everyone, the reader last as you", () => {
    expect(whoReacted("🎉", ["a"], "me", nameOf)).toBe("Ada reacted with 🎉");
    expect(whoReacted("🎉", ["a", "b"], "me", nameOf)).toBe("Ada and Bob reacted with 🎉");
    expect(whoReacted("🎉", ["me", "a", "b", "c"], "me", nameOf)).toBe(
      "Ada, Bob, Cy and you reacted with 🎉",
    );
    expect(whoReacted("👍", ["me"], "me", nameOf)).toBe("You reacted with 👍");
    expect(whoReacted("👍", ["admin"], "me", nameOf)).toBe("admin reacted with 👍");
  });
});
