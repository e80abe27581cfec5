import { describe, expect, it } from "vitest";
import type { TextSegment } from "../../search/text.ts";
import { plainSegments } from "./plain-snippet.ts";

/** Segments written as "plain [[matched]] plain". */
function segments(written: string): TextSegment[] {
  return written
    .split(/\[\[|\]\]/)
    .map((text, index) => ({ text, match: index % 2 === 1 }))
    .filter((segment) => segment.text !== "");
}

function plain(written: string): string {
  return plainSegments(segments(written))
    .map((segment) => (segment.match ? `[[${segment.text}]]` : segment.text))
    .join("");
}

describe("plainSegments", () => {
  it("leaves out emphasis, strong, strike-through and code marks, keeping the highlight", () => {
    expect(plain("The **[[train]]** leaves at _noon_, ~~not~~ `9:00`")).toBe(
      "The [[train]] leaves at noon, not 9:00",
    );
    expect(plain("*[[really]]* sure")).toBe("[[really]] sure");
  });

  it("shows a link's text and an image's description, not their addresses", () => {
    expect(plain("See [the [[docs]]](https://example.com/docs) and ![a map](map.png)")).toBe(
      "See the [[docs]] and a map",
    );
    expect(plain("Ask [[Ada]] <https://example.com>")).toBe("Ask [[Ada]] https://example.com");
  });

  it("leaves out heading, quote, list and task markers and code fences", () => {
    expect(plain("# [[Plan]]\n> quoted\n- one\n2. two\n- [x] done\n```ts\nlet a\n```")).toBe(
      "[[Plan]]\nquoted\none\ntwo\ndone\n\nlet a\n",
    );
  });

  it("copes with constructs cut by the snippet's window", () => {
    expect(plain("…docs](https://example.com) and [[more]]")).toBe("…docs and [[more]]");
    expect(plain("…**[[bold]] start…")).toBe("…[[bold]] start…");
    expect(plain("see [the [[guide]]](https://exa…")).toBe("see the [[guide]]…");
  });

  it("keeps what reads as written: escapes, code span contents, snake_case, arithmetic", () => {
    expect(plain("a \\*[[star]]\\* and `__init__`")).toBe("a *[[star]]* and __init__");
    expect(plain("snake_case [[value]] is 2 * 3")).toBe("snake_case [[value]] is 2 * 3");
  });
});
