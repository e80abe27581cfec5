// A title taken from a message when none is given (a fork named after the message it branches
// from, a thread posted without one): its first line as plain text (titles are shown as text, so
// "**Budget**" would show its asterisks), without characters a title may not hold, cut to the
// longest title.
import { plainTextOfMarkdownLine } from "./plain-text.ts";
import { hasUnsafeCharacters, MAX_TITLE_LENGTH } from "./validation.ts";

/** The first line of `text` as a title, or `fallback` when it has no text. */
export function titleFromText(text: string, fallback: string): string {
  const firstLine = text.trim().split("\n")[0] ?? "";
  const plain = [...plainTextOfMarkdownLine(firstLine)]
    .map((char) => (hasUnsafeCharacters(char) ? " " : char))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length === 0) return fallback;
  return plain.length <= MAX_TITLE_LENGTH ? plain : `${plain.slice(0, MAX_TITLE_LENGTH - 1)}…`;
}
