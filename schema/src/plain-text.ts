// A line of Markdown as plain text, for names made from message text (a fork named after the
// message it branches from): emphasis, code and strike markers, heading, quote and list
// prefixes, and link and image syntax removed; the words stay.

const LINE_PREFIX = /^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/;
const IMAGE_OR_LINK = /!?\[([^\]]*)\]\([^)]*\)/g;
const EMPHASIS = /(\*{1,3}|_{1,3}|~~)(?=\S)(.+?)(?<=\S)\1/g;
const CODE = /`+([^`]+)`+/g;

/** `line` without its Markdown syntax, e.g. "**Ship** it, see [docs](…)" → "Ship it, see docs". */
export function plainTextOfMarkdownLine(line: string): string {
  let text = line.replace(LINE_PREFIX, "").replace(IMAGE_OR_LINK, "$1").replace(CODE, "$1");
  // Nested emphasis ("***a** b*") needs more than one pass.
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(EMPHASIS, "$2");
  }
  return text.trim();
}
