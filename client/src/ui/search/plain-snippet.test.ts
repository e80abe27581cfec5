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
  it("leaves out the Markdown syntax around and inside matched words, keeping the highlight", () => {
    expect(plain("The **[[train]]** leaves at _noon_, `9:00`")).toBe(
      "The [[train]] leaves at noon, 9:00",
    );
    expect(plain("See [the [[docs]]](https://example.com/docs)")).toBe("See the [[docs]]");
    expect(plain("# [[Plan]]\n> quoted")).toBe("[[Plan]]\nquoted");
  });

  it("copes with constructs the snippet's window cut in two", () => {
    expect(plain("…docs](https://example.com) and [[more]]")).toBe("…docs and [[more]]");
    expect(plain("…**[[bold]] start…")).toBe("…[[bold]] start…");
    expect(plain("see [the [[guide]]](https://exa…")).toBe("see the [[guide]]…");
  });

  it("drops segments that were only syntax and joins the neighbours they separated", () => {
    expect(plainSegments(segments("a [[b]]**c"))).toEqual([
      { text: "a ", match: false },
      { text: "b", match: true },
      { text: "**c", match: false },
    ]);
    expect(plainSegments(segments("x **[[y]]** z"))).toEqual([
      { text: "x ", match: false },
      { text: "y", match: true },
      { text: " z", match: false },
    ]);
    expect(plainSegments(segments("one ``[[two]]`` three"))).toHaveLength(3);
  });
});
