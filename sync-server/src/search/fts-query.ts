// Turns parsed search terms into an FTS5 MATCH expression. Every word is quoted (user text is
// never FTS5 syntax), the word being typed becomes a prefix query, and an English word with a
// common suffix also matches its stem as a prefix ("deploying" finds "deployed", "deploys"):
// a light stand-in for a stemmer that keeps prefix search working (a Porter tokenizer would
// index "running" as "run", so typing "runn" would find nothing).
import type { SearchTerm } from "@openvibe/schema";
import { toIndexText } from "./index-text.ts";

/** Characters unicode61 keeps in words with this index's `categories`. */
const WORD = /[\p{L}\p{N}\p{Co}\p{So}\p{Mn}\p{Mc}]+/gu;

/** The index's words in `text`, case and accents folded as the tokenizer folds them. */
export function indexWords(text: string): string[] {
  return [...toIndexText(text).matchAll(WORD)].map((match) => foldWord(match[0]));
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

function anyOf(alternatives: readonly string[]): string {
  return alternatives.length === 1 ? (alternatives[0] ?? "") : `(${alternatives.join(" OR ")})`;
}

/** Words the caller wants searched instead of (or besides) a word: typo corrections. */
export type WordAlternatives = ReadonlyMap<string, readonly string[]>;

function wordExpression(term: SearchTerm & { kind: "word" }, instead: WordAlternatives): string {
  const words = indexWords(term.text);
  const [single] = words;
  if (words.length !== 1 || single === undefined) {
    return words.length === 0 ? "" : `${quote(words)}${term.prefix ? "*" : ""}`;
  }
  const alternatives = [term.prefix ? `${quote([single])}*` : quote([single])];
  const stem = term.prefix ? undefined : lightStem(single);
  if (stem !== undefined) alternatives.push(`${quote([stem])}*`);
  for (const other of instead.get(single) ?? []) alternatives.push(quote([other]));
  return anyOf(alternatives);
}

/** "all": a message must hold every term (the search box); "any": one is enough (related messages). */
export type TermsNeeded = "all" | "any";

/** The MATCH expression (terms AND-ed, or OR-ed for "any"), or null when no term has a searchable word. */
export function toMatchExpression(
  terms: readonly SearchTerm[],
  instead: WordAlternatives = new Map(),
  needed: TermsNeeded = "all",
): string | null {
  const parts = terms
    .map((term) =>
      term.kind === "phrase"
        ? indexWords(term.text).length > 0
          ? quote(indexWords(term.text))
          : ""
        : wordExpression(term, instead),
    )
    .filter((part) => part !== "");
  return parts.length === 0 ? null : parts.join(needed === "all" ? " AND " : " OR ");
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
