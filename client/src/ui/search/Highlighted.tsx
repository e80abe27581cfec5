// Text with its matched words in <mark>: text nodes only, never HTML.
import type { ReactNode } from "react";
import type { TextSegment } from "../../search/text.ts";

export function Highlighted({ segments }: { segments: readonly TextSegment[] }): ReactNode {
  return segments.map((segment, index) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for one rendering
    segment.match ? <mark key={index}>{segment.text}</mark> : segment.text,
  );
}
