// A search snippet as the message reads, not as it was typed: Markdown syntax (emphasis and
// strike marks, code backticks and fences, link and image brackets and their addresses,
// heading, quote and list markers, backslash escapes) is left out, and the matched words keep
// their highlight. Snippets are cut out of messages, so a construct may be missing its other
// half ("…docs](https://…) and more", "**bold…"): each piece of syntax is recognised on its
// own, not only as part of a whole construct.
import type { TextSegment } from "../../search/text.ts";

interface Rule {
  pattern: RegExp;
  /** The groups that hold text to keep; the rest of a match is syntax. */
  keep: readonly number[];
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Syntax outside code spans; a rule's kept groups may hold syntax of other rules. */
const RULES: readonly Rule[] = [
  // Images and links, also cut at the end: ![alt](src), [text](href), [text][ref].
  { pattern: /!?\[([^[\]\n]*)\](?:\([^()\n…]*\)?|\[[^[\]\n]*\])/g, keep: [1] },
  // The end of a link whose start was cut off: …text](href).
  { pattern: /\]\([^()\s]*\)/g, keep: [] },
  // Autolinks: <https://…>.
  { pattern: /<((?:https?|mailto):[^<>\s]*)>/g, keep: [1] },
  // Code fences (the whole line with its language), headings, quotes, list and task markers.
  { pattern: /^[ \t]*(?:```|~~~).*$/gm, keep: [] },
  { pattern: /^[ \t]{0,3}#{1,6}[ \t]+/gm, keep: [] },
  { pattern: /^[ \t]{0,3}(?:>[ \t]?)+/gm, keep: [] },
  { pattern: /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, keep: [] },
  // Backticks of a code span cut in two, strong and emphasis by doubled marks, strike-through.
  { pattern: /`+|\*\*|__|~~/g, keep: [] },
];

/** A single * or _ that opens or closes emphasis: a word on one side only. */
function isEmphasisMark(text: string, at: number): boolean {
  const char = text[at];
  if (char !== "*" && char !== "_") return false;
  const before = WORD_CHARACTER.test(text[at - 1] ?? "");
  const after = WORD_CHARACTER.test(text[at + 1] ?? "");
  return before !== after;
}

/** For each UTF-16 unit of `text`, whether it is Markdown syntax to leave out. */
export function markdownSyntax(text: string): boolean[] {
  const syntax = new Array<boolean>(text.length).fill(false);
  /** Characters that read as written: escaped ones, and the inside of code spans. */
  const literal = new Array<boolean>(text.length).fill(false);
  const mark = (from: number, to: number, into: boolean[]) => {
    for (let at = from; at < to; at++) if (!literal[at]) into[at] = true;
  };
  for (const escaped of text.matchAll(/\\([!-/:-@[-`{-~])/g)) {
    mark(escaped.index, escaped.index + 1, syntax);
    mark(escaped.index + 1, escaped.index + 2, literal);
  }
  for (const code of text.matchAll(/(`+)([^`\n]+?)\1(?!`)/g)) {
    const fence = code[1]?.length ?? 0;
    const end = code.index + code[0].length;
    mark(code.index, code.index + fence, syntax);
    mark(end - fence, end, syntax);
    mark(code.index + fence, end - fence, literal);
  }
  for (const { pattern, keep } of RULES) {
    for (const match of text.matchAll(new RegExp(pattern.source, `${pattern.flags}d`))) {
      const keptRanges = keep.flatMap((group) => {
        const range = match.indices?.[group];
        return range === undefined ? [] : [range];
      });
      for (let at = match.index; at < match.index + match[0].length; at++) {
        if (!keptRanges.some(([from, to]) => at >= from && at < to)) mark(at, at + 1, syntax);
      }
    }
  }
  for (let at = 0; at < text.length; at++) {
    if (!literal[at] && !syntax[at] && isEmphasisMark(text, at)) syntax[at] = true;
  }
  return syntax;
}

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
