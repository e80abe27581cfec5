// The word-pair index (search_pairs, migration 0021): each message's adjacent words as one token
// per pair, "deploy friday" as `deploy\uE000friday`, in word order. A quoted phrase of two
// common words then reads one short doclist (the pair's) instead of intersecting two long ones
// (each word in 10-30% of the messages) and checking positions in every row holding both; a
// longer phrase is the FTS5 phrase of its pairs (pair k at word position k), exact without
// reading the words' doclists at all.
//
// The pairs are the words of the row as written, unfolded: FTS5 folds each pair token with the
// same tokenizer as search_fts, a character at a time, so a pair matches exactly when both of its
// words match. The words are split in JavaScript (WORD); where that split does not give as many
// words as FTS5 counted in the row's body (a character newer than SQLite's Unicode tables, say),
// the row's pairs are not trusted: it gets UNSURE instead and a phrase is checked on its
// positions in search_fts (search-index.ts).
import { type BodyPhrase, quote, WORD } from "./fts-query.ts";

/** Joins the two words of a pair: private use (Co), a word character to the tokenizer. */
export const PAIR_JOINER = "\uE000";
/** A row whose pairs could not be derived: its phrases are checked on search_fts. */
export const UNSURE = "\uE001";
/**
 * FTS5 cuts tokens at 32,768 bytes (FTS5_MAX_TOKEN_SIZE): a pair that could be longer (3 bytes
 * at most per UTF-16 unit) would match on its cut prefix, so its row is UNSURE.
 */
const LONGEST_PAIR = Math.floor(32_768 / 3);

/**
 * The search_pairs text of a row: `body` as indexed, `bodyTokens` the tokens FTS5 counted in it.
 * Empty for a body of one word (the row still has its document).
 */
export function rowPairs(body: string, bodyTokens: number): string {
  const words = body.match(WORD) ?? [];
  if (words.length !== bodyTokens) return UNSURE;
  const pairs: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const pair = `${words[i - 1]}${PAIR_JOINER}${words[i]}`;
    if (pair.length > LONGEST_PAIR) return UNSURE;
    pairs.push(pair);
  }
  return pairs.join(" ");
}

/**
 * The search_pairs MATCH expression of a phrase of two words or more (its words folded, as
 * the query holds them): the phrase of its pairs.
 */
export function pairsExpression(phrase: BodyPhrase): string {
  const pairs = phrase.words
    .slice(1)
    .map((word, i) => `${phrase.words[i] ?? ""}${PAIR_JOINER}${word}`);
  return quote(pairs);
}

/** `UNSURE` as a MATCH expression. */
export const UNSURE_EXPRESSION = quote([UNSURE]);
