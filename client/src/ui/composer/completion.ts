// What the composer's suggestions share: the query being typed at the caret (an @mention,
// a :shortcode:) and the text once a suggestion replaces it.

export interface CompletionQuery {
  /** Index of the character that opened the query (`@`, `:`). */
  start: number;
  /** What follows it up to the caret, lower-cased. */
  query: string;
}

/** Replaces the query (from its start to the caret) by `inserted`; returns the text and caret. */
export function replaceQuery(
  text: string,
  caret: number,
  query: CompletionQuery,
  inserted: string,
): { text: string; caret: number } {
  const after = text.slice(caret).replace(/^\s/, "");
  return {
    text: `${text.slice(0, query.start)}${inserted}${after}`,
    caret: query.start + inserted.length,
  };
}

/**
 * The query opened by `opener` before the caret: the opener starts the text or follows a space
 * or opening punctuation (so e-mail addresses, URLs and times do not open suggestions), and
 * what follows it up to the caret matches `body` (a regular expression source).
 */
export function queryBeforeCaret(
  text: string,
  caret: number,
  opener: string,
  body: string,
): CompletionQuery | null {
  const pattern = new RegExp(`(?:^|[\\s([{"'])${opener}(${body})$`);
  const match = pattern.exec(text.slice(0, caret));
  if (match === null) return null;
  const query = match[1] ?? "";
  return { start: caret - query.length - opener.length, query: query.toLowerCase() };
}
