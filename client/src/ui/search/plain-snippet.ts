// A search snippet as the message reads, not as it was typed: its Markdown syntax is left out
// (@openvibe/schema's markdownSyntax, which copes with constructs the snippet cut in two), and
// the matched words keep their highlight.
import { markdownSyntax } from "@openvibe/schema";
import type { TextSegment } from "../../search/text.ts";

/** The snippet's segments without Markdown syntax; a matched word stays matched. */
export function plainSegments(segments: readonly TextSegment[]): TextSegment[] {
  const text = segments.map((segment) => segment.text).join("");
  const syntax = markdownSyntax(text);
  const plain: TextSegment[] = [];
  let at = 0;
  for (const segment of segments) {
    let kept = "";
    for (let i = 0; i < segment.text.length; i++, at++) {
      if (!syntax[at]) kept += segment.text[i];
    }
    const last = plain.at(-1);
    if (kept === "") continue;
    if (last?.match === segment.match)
      plain[plain.length - 1] = { text: last.text + kept, match: segment.match };
    else plain.push({ text: kept, match: segment.match });
  }
  return plain;
}
