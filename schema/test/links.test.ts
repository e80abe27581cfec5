import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasLink, linksIn } from "../src/index.ts";

describe("links in a message", () => {
  it("finds bare, bracketed and Markdown links, without the sentence's punctuation", () => {
    expect(
      linksIn(
        "See https://example.com/a?b=1, <http://x.example/p> and [docs](https://d.example/x). Again: https://example.com/a?b=1!",
      ),
    ).toEqual(["https://example.com/a?b=1", "http://x.example/p", "https://d.example/x"]);
  });

  it("ignores other schemes and bare words", () => {
    expect(hasLink("mail me at a@b.com or ftp://files.example or example.com")).toBe(false);
    expect(hasLink("javascript:alert(1) data:text/html,x")).toBe(false);
  });

  it("never throws, and every link it gives is an absolute http(s) URL", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), (before, tail) => {
        for (const link of linksIn(`${before} https://${tail} ${before}`)) {
          expect(["http:", "https:"]).toContain(new URL(link).protocol);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
