// Which message texts Markdown renders as themselves: one paragraph holding exactly the text.
// An allow-list, so it errs towards "no": letters, digits, single spaces between words and
// sentence punctuation. Left out is every character that can start a construct (emphasis,
// code, links, images, HTML and entities, escapes, tables, strikethrough, @mentions, emoji
// shortcodes, the ":" of a URL), line breaks and surrounding spaces, a leading "-" or digit
// (lists, thematic breaks) and "www." (GitHub's bare-link rule). plain-text.test.ts checks the
// rule against the real renderer on generated texts.

const ONLY_PLAIN_CHARACTERS = /^[\p{L}\p{N} ,.;?!'"()-]+$/u;

export function rendersAsItsOwnText(text: string): boolean {
  return (
    ONLY_PLAIN_CHARACTERS.test(text) &&
    text.trim() === text &&
    !/^[-\p{N}]/u.test(text) &&
    !/www\./i.test(text)
  );
}
