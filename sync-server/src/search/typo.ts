// Typo tolerance, tried only when a query matches nothing: each word missing from the index
// is searched as the indexed words within a small edit distance that share its first letter
// (1 edit up to 5 letters, else 2), most frequent first. Sharing the first letter keeps the
// vocabulary scan to one letter's range; a typo in the first letter is not corrected.
import type { SearchCorrection } from "@openvibe/schema";
import { editDistance } from "./edit-distance.ts";
import type { SearchIndex } from "./search-index.ts";

const MAX_ALTERNATIVES = 3;

function allowedEdits(word: string): number {
  return [...word].length <= 5 ? 1 : 2;
}

function nearWords(index: SearchIndex, word: string): string[] {
  const first = word.codePointAt(0);
  if (first === undefined) return [];
  const max = allowedEdits(word);
  return index
    .wordsBetween(String.fromCodePoint(first), String.fromCodePoint(first + 1))
    .map(({ term, doc }) => ({ term, doc, distance: editDistance(word, term, max) }))
    .filter((candidate) => candidate.distance <= max && candidate.term !== word)
    .sort((a, b) => a.distance - b.distance || b.doc - a.doc)
    .slice(0, MAX_ALTERNATIVES)
    .map((candidate) => candidate.term);
}

/** Alternatives for each folded word that is not in the index and has near spellings. */
export function correctWords(index: SearchIndex, words: readonly string[]): SearchCorrection[] {
  return words
    .filter((word) => !index.hasWord(word))
    .map((word) => ({ word, triedInstead: nearWords(index, word) }))
    .filter((correction) => correction.triedInstead.length > 0);
}
