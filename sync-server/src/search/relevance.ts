// bm25 as SQLite's FTS5 computes it (fts5_aux.c: k1 1.2, b 0.75, an idf at or below 0 taken
// as 1e-6, a row's length and the average length over all its columns), computed here for the
// capped candidates only. FTS5's bm25() first reads every match of each phrase to count the
// rows holding it, once per query: at 1M messages about 40 ms for a word in most of them,
// whatever the cap. Here a phrase's row count is exact up to DF_PROBE matches and estimated
// from how densely its newest DF_PROBE matches lie beyond that, where idf barely moves.
import type { BodyPhrase } from "./fts-query.ts";

const K1 = 1.2;
const B = 0.75;
/** Matches of one phrase read to count (or estimate) the rows holding it. */
export const DF_PROBE = 500;

/** What bm25 needs of the whole index: rows, and tokens in all columns. */
export interface CorpusStats {
  rows: number;
  tokens: number;
}

/** What bm25 needs of one phrase: how many rows hold it. */
export function inverseDocumentFrequency(rows: number, rowsWithPhrase: number): number {
  const idf = Math.log((rows - rowsWithPhrase + 0.5) / (rowsWithPhrase + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

/** Whether `phrase` occurs in folded `words` at `at` (its last word a prefix when it is one). */
export function phraseAt(words: readonly string[], at: number, phrase: BodyPhrase): boolean {
  const last = phrase.words.length - 1;
  if (at + last >= words.length) return false;
  return phrase.words.every((wanted, i) => {
    const word = words[at + i] ?? "";
    return phrase.prefix && i === last ? word.startsWith(wanted) : word === wanted;
  });
}

/** Occurrences of `phrase` in a row's folded words. */
export function phraseOccurrences(words: readonly string[], phrase: BodyPhrase): number {
  let count = 0;
  for (let at = 0; at < words.length; at++) if (phraseAt(words, at, phrase)) count++;
  return count;
}

/**
 * −bm25() of a row: `bodyWords` its body's folded words (only the body is weighed), `rowTokens`
 * its length in tokens over every column, `idfs` one per phrase.
 */
export function relevance(
  bodyWords: readonly string[],
  rowTokens: number,
  phrases: readonly BodyPhrase[],
  idfs: readonly number[],
  stats: CorpusStats,
): number {
  const averageLength = stats.rows === 0 ? 1 : stats.tokens / stats.rows;
  const lengthNorm = K1 * (1 - B + (B * rowTokens) / averageLength);
  let score = 0;
  phrases.forEach((phrase, i) => {
    const frequency = phraseOccurrences(bodyWords, phrase);
    score += ((idfs[i] ?? 0) * (frequency * (K1 + 1))) / (frequency + lengthNorm);
  });
  return score;
}

/**
 * Rows holding a phrase, from its newest matches (at most DF_PROBE, `newest` first): exact when
 * there are fewer, else the probe's count scaled by how much of the index's span of row ids
 * (`firstRowId`..`lastRowId`) it covered.
 */
export function estimatedRowsWithPhrase(
  probe: { count: number; oldestRowId: number },
  span: { firstRowId: number; lastRowId: number },
  rows: number,
): number {
  if (probe.count < DF_PROBE) return probe.count;
  const covered = span.lastRowId - probe.oldestRowId + 1;
  const whole = span.lastRowId - span.firstRowId + 1;
  return Math.min(rows, Math.round((probe.count * whole) / Math.max(1, covered)));
}
