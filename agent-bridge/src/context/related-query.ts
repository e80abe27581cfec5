// The search for messages related to a mention: its words without the @handles, links and
// stop words, each once, as plain words (no filter syntax, no quotes, and a trailing space so
// the last word is not searched as a prefix).
import { STOP_WORDS } from "./stop-words.ts";

/** More words dilute the ranking more than they add. */
export const MAX_QUERY_WORDS = 12;

const MENTION = /(?<![\p{L}\p{N}_.+\-@/])@[A-Za-z0-9][A-Za-z0-9_.-]*/gu;
const LINK = /\bhttps?:\/\/\S+/gu;
const APOSTROPHE = /['’]/gu;
const WORD = /[\p{L}\p{N}\p{Mn}\p{Mc}]+/gu;
/** Scripts written without spaces: one character already carries meaning. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function meaningful(word: string): boolean {
  return !STOP_WORDS.has(word) && (word.length > 1 || CJK.test(word));
}

/** The search for `body`'s related messages, or null when no word is worth searching. */
export function relatedQuery(body: string): string | null {
  const text = body.replace(MENTION, " ").replace(LINK, " ").replace(APOSTROPHE, "");
  const words = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    if (meaningful(word)) words.add(word);
    if (words.size === MAX_QUERY_WORDS) break;
  }
  return words.size === 0 ? null : `${[...words].join(" ")} `;
}
