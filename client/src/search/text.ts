// How the browser index sees text, matching the server's preparation: case and accents folded
// ("Café" is "cafe"), each Han, Hiragana or Katakana character a word of its own (Chinese and
// Japanese do not space words), each emoji a word, other scripts (Hangul, Cyrillic, Arabic,
// Hebrew…) split at spaces and punctuation like Latin text.

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const EMOJI = String.raw`\p{Extended_Pictographic}`;
/** Spaces, punctuation, and the joiners and variation selectors inside emoji sequences. */
const SEPARATOR = String.raw`\s\p{P}\p{Z}\u200b\u200d\ufe0f`;
/** One word: a CJK character, an emoji, or a run of anything else that is not a separator. */
const WORD = new RegExp(`[${CJK}]|${EMOJI}|[^${SEPARATOR}${CJK}${EMOJI}]+`, "gu");
const SINGLE_CHARACTER_WORD = new RegExp(`^(?:[${CJK}]|${EMOJI})$`, "u");
const COMBINING_ACCENTS = /[\u0300-\u036f]/g;

/** The words of `text` as written, in order. */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** A word as indexed and searched: lower-case, accents removed. */
export function foldTerm(term: string): string {
  return term.toLowerCase().normalize("NFD").replace(COMBINING_ACCENTS, "").normalize("NFC");
}

/** Whether `word` is indexed a character at a time (CJK) or is one emoji. */
export function isSingleCharacterWord(word: string): boolean {
  return SINGLE_CHARACTER_WORD.test(word);
}

/** The folded words of `text`. */
export function foldedWords(text: string): string[] {
  return tokenize(text).map(foldTerm);
}

/** Whether `needle` occurs in `haystack` as consecutive words; the last may be a prefix. */
export function containsSequence(
  haystack: readonly string[],
  needle: readonly string[],
  lastIsPrefix = false,
): boolean {
  if (needle.length === 0) return true;
  const last = needle.length - 1;
  const matches = (word: string | undefined, index: number): boolean => {
    const wanted = needle[index] ?? "";
    if (word === undefined) return false;
    return index === last && lastIsPrefix ? word.startsWith(wanted) : word === wanted;
  };
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((_, index) => matches(haystack[start + index], index))) return true;
  }
  return false;
}

export interface TextSegment {
  readonly text: string;
  readonly match: boolean;
}

/** Characters of context kept before the first match, and the snippet's length. */
const CONTEXT_BEFORE = 60;
const SNIPPET_LENGTH = 220;

function windowAround(text: string, firstMatch: number): { start: number; end: number } {
  if (text.length <= SNIPPET_LENGTH) return { start: 0, end: text.length };
  let start = Math.max(0, firstMatch - CONTEXT_BEFORE);
  const space = text.indexOf(" ", start);
  if (start > 0 && space !== -1 && space < firstMatch) start = space + 1;
  return { start, end: Math.min(text.length, start + SNIPPET_LENGTH) };
}

/**
 * A snippet of `text` around the first word whose folded form is in `matched`, split into plain
 * and matched segments (render as text nodes); "…" marks cut text.
 */
export function highlightSegments(text: string, matched: ReadonlySet<string>): TextSegment[] {
  const ranges: { start: number; end: number }[] = [];
  for (const word of text.matchAll(WORD)) {
    if (matched.has(foldTerm(word[0]))) {
      ranges.push({ start: word.index, end: word.index + word[0].length });
    }
  }
  const window = windowAround(text, ranges[0]?.start ?? 0);
  const segments: TextSegment[] = [];
  const push = (from: number, to: number, match: boolean) => {
    if (to > from) segments.push({ text: text.slice(from, to), match });
  };
  let at = window.start;
  for (const range of ranges) {
    if (range.start < at || range.end > window.end) continue;
    push(at, range.start, false);
    push(range.start, range.end, true);
    at = range.end;
  }
  push(at, window.end, false);
  if (window.start > 0) segments.unshift({ text: "…", match: false });
  if (window.end < text.length) segments.push({ text: "…", match: false });
  return segments;
}
