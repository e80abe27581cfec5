// The page reader: tags in the order of preference, entities decoded, relative images made
// absolute; and a fuzzer: any text (HTML cut anywhere included) reads without throwing, within
// the length limits, with an http(s) image or none.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, readPageMeta } from "./page-meta.ts";

const PAGE = new URL("https://news.example/a/b.html");

describe("reading a page's preview tags", () => {
  it("prefers Open Graph, then Twitter cards, then <title> and the meta description", () => {
    const html = `<html><head><title>Plain &amp; simple</title>
      <meta name="description" content="  The   plain one ">
      <meta name="twitter:title" content="Card title">
      <META PROPERTY="og:image" CONTENT="../img/c.png">
      </head><body><title>not this</title></body></html>`;
    expect(readPageMeta(html, PAGE)).toEqual({
      title: "Card title",
      description: "The plain one",
      imageUrl: "https://news.example/img/c.png",
    });
    expect(readPageMeta("<title>Only a title</title>", PAGE)).toEqual({
      title: "Only a title",
      description: null,
      imageUrl: null,
    });
  });

  it("keeps no image that is not http(s)", () => {
    for (const image of [
      "javascript:alert(1)",
      "data:image/png;base64,AAAA",
      "file:///etc/passwd",
    ]) {
      expect(
        readPageMeta(`<meta property="og:image" content="${image}">`, PAGE).imageUrl,
      ).toBeNull();
    }
  });

  it("reads anything without throwing, within its limits", () => {
    const tag = fc.constantFrom(
      "<title>",
      "</title>",
      '<meta property="og:title" content="',
      '<meta name="description" content="',
      '<meta property="og:image" content="',
      '">',
      "<!--",
      "<script>",
      "&amp;",
      "&#x",
    );
    const html = fc
      .array(fc.oneof(tag, fc.string(), fc.string({ unit: "binary" })), { maxLength: 30 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(html, fc.nat(2_000), (text, cut) => {
        const meta = readPageMeta(text.slice(0, cut), PAGE);
        expect(meta.title === null || meta.title.length <= MAX_TITLE_CHARS).toBe(true);
        expect(meta.description === null || meta.description.length <= MAX_DESCRIPTION_CHARS).toBe(
          true,
        );
        if (meta.imageUrl !== null)
          expect(["http:", "https:"]).toContain(new URL(meta.imageUrl).protocol);
      }),
      { numRuns: 2_000 },
    );
  });
});
