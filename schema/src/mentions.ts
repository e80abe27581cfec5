/** A handle as stored: lower case, starts with a letter or digit, at most 32 characters. */
export const HANDLE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,31}$/;

/**
 * `@` followed by handle characters. The `@` may not follow a letter, digit or one of
 * `_ . + - @ /` (so `a@b.com` and `https://x/@y` are not mentions), and the handle may not be
 * followed by another letter, digit, combining mark or `@` (so `@alicé` is not `@alic`).
 */
const MENTION_PATTERN =
  /(?<![\p{L}\p{N}\p{M}_.+\-@/])@([A-Za-z0-9][A-Za-z0-9_.-]*)(?![\p{L}\p{N}\p{M}_.\-@])/gu;

/** Trailing dots and hyphens are sentence punctuation: `ask @alice.` mentions `alice`. */
const TRAILING_PUNCTUATION = /[.-]+$/;

export function isHandle(value: string): boolean {
  return HANDLE_PATTERN.test(value);
}

/** Where a mention sits in a text: `text.slice(start, end)` is `@` and the handle as typed. */
export interface MentionSpan {
  readonly start: number;
  readonly end: number;
  /** Lower case, as stored in `mentions`. */
  readonly handle: string;
}

/** Every mention in a text, in order (repeats included), by the rules above. */
export function mentionSpans(text: string): MentionSpan[] {
  const spans: MentionSpan[] = [];
  for (const match of text.matchAll(MENTION_PATTERN)) {
    const typed = (match[1] ?? "").replace(TRAILING_PUNCTUATION, "");
    const handle = typed.toLowerCase();
    if (!isHandle(handle)) continue;
    spans.push({ start: match.index, end: match.index + 1 + typed.length, handle });
  }
  return spans;
}

/** Lower-cased, de-duplicated handles mentioned in a message body, in order of appearance. */
export function parseMentions(body: string): string[] {
  const handles: string[] = [];
  for (const { handle } of mentionSpans(body)) if (!handles.includes(handle)) handles.push(handle);
  return handles;
}
