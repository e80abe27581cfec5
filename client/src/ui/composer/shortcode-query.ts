// The :shortcode: being typed at the caret: a `:` that starts the text or follows a space or
// opening punctuation, then at least two letters, digits, `_`, `+` or `-` ("12:30" and ":)"
// open nothing).
import { type CompletionQuery, queryBeforeCaret } from "./completion.ts";

export function shortcodeQueryAt(text: string, caret: number): CompletionQuery | null {
  return queryBeforeCaret(text, caret, ":", "[A-Za-z0-9_+-]{2,32}");
}
