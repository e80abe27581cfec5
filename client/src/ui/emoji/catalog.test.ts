import { gemoji } from "gemoji";
import { describe, expect, it } from "vitest";
import { searchEmoji, shortcode } from "./catalog.ts";

const emojiFor = (query: string, limit = 3) =>
  searchEmoji(gemoji, query, limit).map((e) => e.emoji);

describe("searchEmoji", () => {
  it("puts the shortcode typed in full first, then shortcodes starting with it", () => {
    expect(emojiFor("tada")[0]).toBe("🎉");
    expect(emojiFor(":+1:")[0]).toBe("👍");
    expect(emojiFor("heart")[0]).toBe("❤️");
    expect(emojiFor("thumbs")).toContain("👍");
  });

  it("finds by tag and by a word of the description after the shortcodes", () => {
    const party = emojiFor("party", 10);
    expect(party[0]).toBe("🥳");
    expect(party).toContain("🎉");
    expect(emojiFor("popper")).toEqual(["🎉"]);
  });

  it("finds nothing for an empty query or an unknown word", () => {
    expect(searchEmoji(gemoji, "  ")).toEqual([]);
    expect(searchEmoji(gemoji, "zzzqqq")).toEqual([]);
  });

  it("writes an entry's first name as its shortcode", () => {
    const tada = searchEmoji(gemoji, "tada", 1)[0];
    expect(tada === undefined ? "" : shortcode(tada)).toBe(":tada:");
  });
});
