import type * as Y from "yjs";

/** One splice that turns `current` into `next`: delete `deleteCount` at `index`, then insert. */
export interface TextSplice {
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: string;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The smallest single splice between two strings (common prefix and suffix kept), never
 * cutting a surrogate pair in half.
 */
export function minimalSplice(current: string, next: string): TextSplice {
  const limit = Math.min(current.length, next.length);
  let prefix = 0;
  while (prefix < limit && current.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix += 1;
  if (prefix > 0 && isHighSurrogate(current.charCodeAt(prefix - 1))) prefix -= 1;

  let suffix = 0;
  const suffixLimit = limit - prefix;
  while (
    suffix < suffixLimit &&
    current.charCodeAt(current.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  ) {
    suffix += 1;
  }
  if (suffix > 0 && isLowSurrogate(current.charCodeAt(current.length - suffix))) suffix -= 1;

  return {
    index: prefix,
    deleteCount: current.length - prefix - suffix,
    insert: next.slice(prefix, next.length - suffix),
  };
}

/** Edits a Y.Text in place so concurrent edits of other parts of the text survive. */
export function applyMinimalDiff(text: Y.Text, next: string): void {
  const splice = minimalSplice(text.toString(), next);
  if (splice.deleteCount > 0) text.delete(splice.index, splice.deleteCount);
  if (splice.insert.length > 0) text.insert(splice.index, splice.insert);
}
