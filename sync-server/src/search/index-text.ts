// The text the full-text index sees. unicode61 splits words at spaces and punctuation, which
// Chinese and Japanese do not use: each Han, Hiragana or Katakana character is made a word of
// its own by putting U+200B (zero-width space, a separator to unicode61) around it, and a
// query's CJK run becomes the phrase of its characters (adjacent, in order). Each emoji is
// also set apart, so "hi🎉" holds the words "hi" and "🎉". Hangul is spaced like Latin text
// and left alone (prefix matching finds words with particles attached).
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from "@openvibe/schema";

export const WORD_SEPARATOR = "\u200b";

const SET_APART =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|\p{Extended_Pictographic})/gu;
const SEPARATORS = new RegExp(`${WORD_SEPARATOR}+`, "gu");
const MARKERS = new RegExp(`[${SNIPPET_MATCH_START}${SNIPPET_MATCH_END}]`, "gu");

/** A message body (or a query word) as indexed. */
export function toIndexText(text: string): string {
  return text
    .replace(MARKERS, "")
    .replace(SET_APART, `${WORD_SEPARATOR}$1${WORD_SEPARATOR}`)
    .replace(SEPARATORS, WORD_SEPARATOR);
}

/** Indexed text (a snippet) back as it was written. */
export function fromIndexText(text: string): string {
  return text.replace(SEPARATORS, "");
}

const EXCERPT_CHARS = 160;

/** The start of an indexed body as it was written, cut with "…" past EXCERPT_CHARS. */
export function plainExcerpt(body: string): string {
  const text = fromIndexText(body);
  return text.length <= EXCERPT_CHARS ? text : `${text.slice(0, EXCERPT_CHARS)}…`;
}
