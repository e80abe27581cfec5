import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { applyMinimalDiff, minimalSplice } from "../src/text-diff.ts";

describe("minimal text diff", () => {
  it("keeps the common prefix and suffix", () => {
    expect(minimalSplice("hello world", "hello brave world")).toEqual({
      index: 6,
      deleteCount: 0,
      insert: "brave ",
    });
    expect(minimalSplice("abcdef", "abXYef")).toEqual({ index: 2, deleteCount: 2, insert: "XY" });
    expect(minimalSplice("same", "same")).toEqual({ index: 4, deleteCount: 0, insert: "" });
  });

  it("never cuts an emoji's surrogate pair in half", () => {
    const splice = minimalSplice("I feel 😀!", "I feel 😁!");
    expect(splice.insert).toBe("😁");
    expect(splice.deleteCount).toBe(2);
  });

  it("turns any text into any other text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.string({ unit: "grapheme" }),
        (before, after) => {
          const doc = new Y.Doc();
          const text = doc.getText("body");
          text.insert(0, before);
          applyMinimalDiff(text, after);
          expect(text.toString()).toBe(after);
        },
      ),
    );
  });
});
