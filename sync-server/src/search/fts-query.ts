// Turns parsed search terms into an FTS5 MATCH expression. Every word is quoted (user text is
// never FTS5 syntax), the word being typed becomes a prefix query, and an English word with a
// common suffix also matches its stem as a prefix ("deploying" finds "deployed", "deploys"):
// a light stand-in for a stemmer that keeps prefix search working (a Porter tokenizer would
// index "running" as "run", so typing "runn" would find nothing).
import type { SearchTerm } from "@openvibe/schema";
import { toIndexText } from "./index-text.ts";

/** Characters unicode61 keeps in words with this index's `categories`. */
export const WORD = /[\p{L}\p{N}\p{Co}\p{So}\p{Mn}\p{Mc}]+/gu;

/** Text of ASCII characters only: its words are its letters and digits, to unicode61 too. */
export const ASCII = /^\p{ASCII}*$/u;

/** The index's words in `text`, case and accents folded as the tokenizer folds them. */
export function indexWords(text: string): string[] {
  return indexedWords(toIndexText(text));
}

/** The words of text already in index form (a stored body), folded as the tokenizer folds them. */
export function indexedWords(indexText: string): string[] {
  if (ASCII.test(indexText)) return indexText.toLowerCase().match(WORD) ?? [];
  return Array.from(indexText.matchAll(WORD), (match) => foldWord(match[0]));
}

/** A word of indexed text: where it is, and the word folded. */
export interface WordToken {
  start: number;
  end: number;
  word: string;
}

/** The words of indexed text with their places (a snippet marks them in the text). */
export function indexedWordTokens(indexText: string): WordToken[] {
  const ascii = ASCII.test(indexText);
  return Array.from(indexText.matchAll(WORD), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
    word: ascii ? match[0].toLowerCase() : foldWord(match[0]),
  }));
}

export function foldWord(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC")
    .toLowerCase();
}

const SUFFIXES: readonly (readonly [suffix: string, replacement: string])[] = [
  ["ies", "y"],
  ["ing", ""],
  ["ed", ""],
  ["es", ""],
  ["s", ""],
];

/** "deploying" → "deploy", "replies" → "reply"; undefined when no rule applies. */
export function lightStem(word: string): string | undefined {
  if (!/^[a-z]{5,}$/.test(word) || word.endsWith("ss")) return undefined;
  for (const [suffix, replacement] of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length) + replacement;
    return stem.length >= 4 ? stem : undefined;
  }
  return undefined;
}

/** An FTS5 phrase of `words` (quoted: never read as FTS5 syntax). */
export function quote(words: readonly string[]): string {
  return `"${words.join(" ").replaceAll('"', '""')}"`;
}

/** One phrase of a query on the body: its words in order, the last one a prefix when `prefix`. */
export interface BodyPhrase {
  words: readonly string[];
  prefix: boolean;
}

/** A query on the body: its FTS5 MATCH expression, and every phrase in it (for ranking). */
export interface BodyMatch {
  expression: string;
  phrases: readonly BodyPhrase[];
}

export function phraseExpression(phrase: BodyPhrase): string {
  return `${quote(phrase.words)}${phrase.prefix ? "*" : ""}`;
}

function anyOf(alternatives: readonly string[]): string {
  return alternatives.length === 1 ? (alternatives[0] ?? "") : `(${alternatives.join(" OR ")})`;
}

/** Words the caller wants searched instead of (or besides) a word: typo corrections. */
export type WordAlternatives = ReadonlyMap<string, readonly string[]>;

/** The phrases one term matches, any of them enough: none when it has no searchable word. */
function termPhrases(term: SearchTerm, instead: WordAlternatives): BodyPhrase[] {
  const words = indexWords(term.text);
  if (term.kind === "phrase") return words.length > 0 ? [{ words, prefix: false }] : [];
  const [single] = words;
  if (words.length !== 1 || single === undefined) {
    return words.length === 0 ? [] : [{ words, prefix: term.prefix }];
  }
  const alternatives: BodyPhrase[] = [{ words: [single], prefix: term.prefix }];
  const stem = term.prefix ? undefined : lightStem(single);
  if (stem !== undefined) alternatives.push({ words: [stem], prefix: true });
  for (const other of instead.get(single) ?? [])
    alternatives.push({ words: [other], prefix: false });
  return alternatives;
}

/** "all": a message must hold every term (the search box); "any": one is enough (related messages). */
export type TermsNeeded = "all" | "any";

/** The query on the body (terms AND-ed, or OR-ed for "any"), or null when no term has a searchable word. */
export function toMatchExpression(
  terms: readonly SearchTerm[],
  instead: WordAlternatives = new Map(),
  needed: TermsNeeded = "all",
): BodyMatch | null {
  const groups = terms
    .map((term) => termPhrases(term, instead))
    .filter((phrases) => phrases.length > 0);
  if (groups.length === 0) return null;
  return {
    expression: groups
      .map((phrases) => anyOf(phrases.map(phraseExpression)))
      .join(needed === "all" ? " AND " : " OR "),
    phrases: groups.flat(),
  };
}

/** The single words of the query (no phrases), folded: candidates for typo correction. */
export function correctableWords(terms: readonly SearchTerm[]): string[] {
  return terms.flatMap((term) => {
    if (term.kind !== "word") return [];
    const words = indexWords(term.text);
    return words.length === 1 && words[0] !== undefined && [...words[0]].length >= 3
      ? [words[0]]
      : [];
  });
}
