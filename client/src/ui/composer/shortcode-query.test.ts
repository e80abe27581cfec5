import { describe, expect, it } from "vitest";
import { replaceQuery } from "./completion.ts";
import { shortcodeQueryAt } from "./shortcode-query.ts";

describe("shortcode completion", () => {
  it("finds a :shortcode: of two characters or more before the caret", () => {
    expect(shortcodeQueryAt("done :Tad", 9)).toEqual({ start: 5, query: "tad" });
    expect(shortcodeQueryAt(":+1", 3)).toEqual({ start: 0, query: "+1" });
    expect(shortcodeQueryAt("(:smile", 7)).toEqual({ start: 1, query: "smile" });
  });

  it("is not opened by times, smileys, a lone colon or one letter", () => {
    expect(shortcodeQueryAt("at 12:30", 8)).toBeNull();
    expect(shortcodeQueryAt("nice :)", 7)).toBeNull();
    expect(shortcodeQueryAt("note: ", 6)).toBeNull();
    expect(shortcodeQueryAt("a :t", 4)).toBeNull();
  });

  it("replaces the query with the emoji and one space", () => {
    const text = "done :tad tonight";
    const query = shortcodeQueryAt(text, 9);
    if (query === null) throw new Error("no query");
    expect(replaceQuery(text, 9, query, "🎉 ")).toEqual({ text: "done 🎉 tonight", caret: 8 });
  });
});
