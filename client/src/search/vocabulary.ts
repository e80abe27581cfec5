// The words of the whole browser index, each once: segments refer to a word by its number, so a
// word used in every channel is held once instead of once per segment (the segments' own
// vocabularies took 164 MB of heap at 100k messages, against 63 MB for a single index). A radix
// tree over them finds the longer words a prefix stands for and the near spellings of a word.
// Words are never taken out: one no message uses any more costs a few bytes and matches nothing.
import SearchableMap from "minisearch/SearchableMap";

/** An indexed word a query word stands for, weighted as MiniSearch weighs prefix and typo matches. */
export interface WordMatch {
  readonly id: number;
  readonly weight: number;
}

export interface Expansion {
  /** The word may be the start of a longer one. */
  readonly prefix: boolean;
  /** Edits allowed for near spellings (0: none). */
  readonly fuzzy: number;
}

const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

export class Vocabulary {
  private readonly ids = new SearchableMap<number>();
  private readonly words: string[] = [];

  /** The number of `word`, given one if it is new. */
  idOf(word: string): number {
    const known = this.ids.get(word);
    if (known !== undefined) return known;
    const id = this.words.length;
    this.words.push(word);
    this.ids.set(word, id);
    return id;
  }

  word(id: number): string {
    return this.words[id] ?? "";
  }

  /** The indexed words `word` stands for: itself, then longer words, then near spellings. */
  expand(word: string, { prefix, fuzzy }: Expansion): WordMatch[] {
    const found = new Map<number, number>();
    const exact = this.ids.get(word);
    if (exact !== undefined) found.set(exact, 1);
    if (prefix) {
      for (const [longer, id] of this.ids.atPrefix(word)) {
        const distance = longer.length - word.length;
        if (distance > 0)
          found.set(id, (PREFIX_WEIGHT * longer.length) / (longer.length + 0.3 * distance));
      }
    }
    if (fuzzy > 0) {
      for (const [near, [id, distance]] of this.ids.fuzzyGet(word, fuzzy)) {
        if (distance > 0 && !found.has(id)) {
          found.set(id, (FUZZY_WEIGHT * near.length) / (near.length + distance));
        }
      }
    }
    return [...found].map(([id, weight]) => ({ id, weight }));
  }
}
