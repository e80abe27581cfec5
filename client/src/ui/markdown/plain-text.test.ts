// A text the rule calls plain must look the same on screen whether it skips the Markdown renderer
// or not: the same markup from react-markdown (with the app's plugins) as from the plain path,
// for generated texts made of the allowed characters and of Markdown's own.
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./Markdown.tsx";
import { rendersAsItsOwnText } from "./plain-text.ts";
import RichMarkdown from "./RichMarkdown.tsx";

const shown = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));
const rendered = (text: string) => renderToStaticMarkup(createElement(RichMarkdown, { text }));

/** Characters of plain words and of Markdown constructs, so both sides of the rule come up. */
const CHARACTERS = [
  ..."abcXYZéß漢 ,.;?!'\"()-0123456789",
  ..."*_`[]<>&#~|\\:@+=!{}/\n\t",
  "www.",
  "http://",
  ":smile:",
  "&amp;",
  "1. ",
  "- ",
];
const texts = fc
  .array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(""));
const words = fc
  .array(fc.stringMatching(/^[a-zA-Zé,.;?!'"()]{1,12}$/), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(" "));

describe("plain message texts", () => {
  it("renders a text the rule calls plain exactly as react-markdown does", () => {
    fc.assert(
      fc.property(fc.oneof(texts, words), (text) => {
        fc.pre(rendersAsItsOwnText(text));
        expect(shown(text)).toBe(rendered(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it("calls chat sentences plain and anything with syntax not", () => {
    expect(rendersAsItsOwnText("looks good, thanks! merge it (after the review)?")).toBe(true);
    for (const text of [
      "**bold**",
      "see https://example.com",
      "www.example.com",
      "@ada please",
      "1. first",
      "- item",
      "line\nbreak",
      " padded",
      "a & b",
      ":tada:",
      "",
    ]) {
      expect(rendersAsItsOwnText(text), text).toBe(false);
    }
  });
});
