// Markdown as plain text: which characters of a text are Markdown syntax (emphasis, strong and
// strike marks, code backticks and fences, link and image brackets and their addresses,
// heading, quote, list and task markers, backslash escapes), so names made from message text
// (a fork named after its message) and search snippets show the words, not the syntax.
// Pieces of text cut out of a message (snippets) may hold half a construct ("…docs](https://…)",
// "**bold…"), so each piece of syntax is recognised on its own where it can be; what reads as
// written stays: code-span contents, escaped characters, snake_case, "2 * 3", a lone "**".

interface Rule {
  pattern: RegExp;
  /** The groups that hold text to keep; the rest of a match is syntax. */
  keep: readonly number[];
}

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
  // Backticks of a code span cut in two.
  { pattern: /`+/g, keep: [] },
];

/** Runs of emphasis and strike marks: syntax when they open or close, not both (below). */
const DELIMITER_RUN = /\*+|_+|~~/g;
const WHITESPACE = /^\s?$/u;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;

/**
 * Whether a run of marks opens or closes emphasis and not both (CommonMark's left- and
 * right-flanking rules): "**bold**", "_it_," and "(*a*)" are syntax; "snake_case", "2 * 3",
 * "2*3" and a lone "**" are text.
 */
function isDelimiter(before: string, after: string): boolean {
  const spaceBefore = WHITESPACE.test(before);
  const spaceAfter = WHITESPACE.test(after);
  const opens =
    !spaceAfter && (!PUNCTUATION.test(after) || spaceBefore || PUNCTUATION.test(before));
  const closes =
    !spaceBefore && (!PUNCTUATION.test(before) || spaceAfter || PUNCTUATION.test(after));
  return opens !== closes;
}

/** For each UTF-16 unit of `text`, whether it is Markdown syntax. */
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
  for (const run of text.matchAll(DELIMITER_RUN)) {
    const end = run.index + run[0].length;
    if (literal[run.index] || syntax[run.index]) continue;
    if (isDelimiter(text[run.index - 1] ?? "", text[end] ?? "")) mark(run.index, end, syntax);
  }
  return syntax;
}

/** `text` without its Markdown syntax. */
export function plainTextOfMarkdown(text: string): string {
  const syntax = markdownSyntax(text);
  let plain = "";
  for (let at = 0; at < text.length; at++) if (!syntax[at]) plain += text[at];
  return plain;
}

/** A line without its Markdown syntax, e.g. "**Ship** it, see [docs](…)" → "Ship it, see docs". */
export function plainTextOfMarkdownLine(line: string): string {
  return plainTextOfMarkdown(line).trim();
}
