// A snippet of message text as plain text (its Markdown syntax left out: plain-snippet.ts)
// with its matched words in <mark>: text nodes only, never HTML.
import type { ReactNode } from "react";
import type { TextSegment } from "../../search/text.ts";
import { plainSegments } from "./plain-snippet.ts";

export function Highlighted({ segments }: { segments: readonly TextSegment[] }): ReactNode {
  return plainSegments(segments).map((segment, index) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for one rendering
    segment.match ? <mark key={index}>{segment.text}</mark> : segment.text,
  );
}
