// The word-pair index (search_pairs, migration 0021): each message's adjacent words as one token
// per pair, "deploy friday" as `deploy\uE000friday`. A quoted phrase of two common words then
// reads one short doclist (the pair's) instead of intersecting two long ones (each word in
// 10-30% of the messages) and checking positions in every row holding both. A longer phrase
// reads the rows holding all of its pairs, each then checked on its positions in search_fts
// (search_pairs keeps which rows hold a pair, not where).
//
// The pairs are the words of the row as written, unfolded: FTS5 folds each pair token with the
// same tokenizer as search_fts, a character at a time, so a pair matches exactly when both of its
// words match. The words are split in JavaScript as SQLite's unicode61 splits them
// (SQLITE_WORD: its Unicode tables are older than JavaScript's, search-pairs.int.test.ts checks
// every code point); where that split does not give as many words as FTS5 counted in the row's
// body, the row's pairs are not trusted: it gets UNSURE instead, and a phrase is checked on its
// positions in search_fts for it (search-index.ts).
import { type BodyPhrase, quote } from "./fts-query.ts";

/** Joins the two words of a pair: private use (Co), a word character to the tokenizer. */
export const PAIR_JOINER = "\uE000";
/** A row whose pairs could not be derived: its phrases are checked on search_fts. */
export const UNSURE = "\uE001";
/** `UNSURE` as a MATCH expression. */
export const UNSURE_EXPRESSION = quote([UNSURE]);
/**
 * FTS5 cuts tokens at 32,768 bytes (FTS5_MAX_TOKEN_SIZE): a pair that could be longer (3 bytes
 * at most per UTF-16 unit) would match on its cut prefix, so its row is UNSURE.
 */
const LONGEST_PAIR = Math.floor(32_768 / 3);
/**
 * Characters WORD (fts-query.ts) keeps in a word that SQLite's unicode61 separates words at: a
 * query word holding one is several tokens to FTS5, so its phrase is read from search_fts.
 */
export const SPLIT_BY_SQLITE = /[\u166d]/u;
/**
 * A word as SQLite's unicode61 splits it with this index's categories: letters, numbers,
 * private use, symbols and marks (WORD, fts-query.ts), but not SPLIT_BY_SQLITE; and what its
 * Unicode tables do not know, which it keeps in words: code points unassigned (\p{Cn}), and
 * those given since a category that is no word's (from \u0605 on; emoji skin tones among them).
 */
export const SQLITE_WORD =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: code points matched one at a time (U+1ABE is a combining mark)
  /(?:(?!\u166d)[\p{L}\p{N}\p{Co}\p{So}\p{Mn}\p{Mc}\p{Cn}\p{Cs}\u0605\u061c-\u061d\u07fe-\u07ff\u0888\u0890-\u0891\u08e2\u09fd\u0a76\u0c77\u0c84\u1abe\u1b4e-\u1b4f\u1b7d-\u1b7f\u2066-\u2069\u20ba-\u20c0\u2e3c-\u2e4f\u2e52-\u2e5d\ua8fc\uab5b\uab6a-\uab6b\ufbc2\u{1056f}\u{10af0}-\u{10af6}\u{10b99}-\u{10b9c}\u{10d6e}\u{10d8e}-\u{10d8f}\u{10ead}\u{10f55}-\u{10f59}\u{10f86}-\u{10f89}\u{110cd}\u{11174}-\u{11175}\u{111cd}\u{111db}\u{111dd}-\u{111df}\u{11238}-\u{1123d}\u{112a9}\u{113d4}-\u{113d5}\u{113d7}-\u{113d8}\u{1144b}-\u{1144f}\u{1145a}-\u{1145b}\u{1145d}\u{114c6}\u{115c1}-\u{115d7}\u{11641}-\u{11643}\u{11660}-\u{1166c}\u{116b9}\u{1173c}-\u{1173e}\u{1183b}\u{11944}-\u{11946}\u{119e2}\u{11a3f}-\u{11a46}\u{11a9a}-\u{11a9c}\u{11a9e}-\u{11aa2}\u{11b00}-\u{11b09}\u{11be1}\u{11c41}-\u{11c45}\u{11c70}-\u{11c71}\u{11ef7}-\u{11ef8}\u{11f43}-\u{11f4f}\u{11fdd}-\u{11fe0}\u{11fff}\u{12474}\u{12ff1}-\u{12ff2}\u{13430}-\u{1343f}\u{16a6e}-\u{16a6f}\u{16af5}\u{16b37}-\u{16b3b}\u{16b44}\u{16d6d}-\u{16d6f}\u{16e97}-\u{16e9a}\u{16fe2}\u{1bc9f}-\u{1bca3}\u{1da87}-\u{1da8b}\u{1e2ff}\u{1e5ff}\u{1e95e}-\u{1e95f}\u{1ecb0}\u{1f3fb}-\u{1f3ff}])+/gu;

/**
 * The search_pairs text of a row: `body` as indexed, `bodyTokens` the tokens FTS5 counted in it
 * (null: not counted, an ASCII body). Empty for a body of one word (the row still has its
 * document).
 */
export function rowPairs(body: string, bodyTokens: number | null): string {
  const words = body.match(SQLITE_WORD) ?? [];
  if (bodyTokens !== null && words.length !== bodyTokens) return UNSURE;
  const pairs: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const pair = `${words[i - 1]}${PAIR_JOINER}${words[i]}`;
    if (pair.length > LONGEST_PAIR) return UNSURE;
    pairs.push(pair);
  }
  return pairs.join(" ");
}

/**
 * Whether the pair index can answer `phrase`: two whole words or more (no prefix), each one
 * token to FTS5 (not empty: a lone accent, folded away, is no token of a query).
 */
export function pairable(phrase: BodyPhrase): boolean {
  return (
    !phrase.prefix &&
    phrase.words.length > 1 &&
    phrase.words.every((word) => word !== "" && !SPLIT_BY_SQLITE.test(word))
  );
}

/** The search_pairs MATCH expression of a pairable phrase (its words folded): all its pairs. */
export function pairsExpression(phrase: BodyPhrase): string {
  return phrase.words
    .slice(1)
    .map((word, i) => quote([`${phrase.words[i] ?? ""}${PAIR_JOINER}${word}`]))
    .join(" AND ");
}
