// The @mention being typed at the caret, who it could name, and the text once one is picked.
// An `@` counts when it starts the text or follows a space or opening punctuation (so e-mail
// addresses and URLs do not open suggestions), and the caret sits in the handle after it.

export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** What follows the `@` up to the caret, lower-cased. */
  query: string;
}

export interface MentionCandidate {
  id: string;
  avatarColor: string;
  handle: string;
  displayName: string;
  kind: "human" | "agent";
}

const QUERY_BEFORE_CARET = /(?:^|[\s([{"'])@([A-Za-z0-9_.-]{0,32})$/;

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const match = QUERY_BEFORE_CARET.exec(text.slice(0, caret));
  if (match === null) return null;
  const query = match[1] ?? "";
  return { start: caret - query.length - 1, query: query.toLowerCase() };
}

/** Handles starting with the query first, then names with a word starting with it. */
export function matchCandidates(
  candidates: readonly MentionCandidate[],
  query: string,
  limit = 8,
): MentionCandidate[] {
  const byHandle = candidates.filter((c) => c.handle.startsWith(query));
  const byName = candidates.filter(
    (c) =>
      !byHandle.includes(c) &&
      c.displayName
        .toLowerCase()
        .split(/\s+/)
        .some((word) => word.startsWith(query)),
  );
  const sorted = (list: MentionCandidate[]) =>
    list.sort((a, b) => a.handle.localeCompare(b.handle));
  return [...sorted(byHandle), ...sorted(byName)].slice(0, limit);
}

/** Replaces the query (from its `@` to the caret) by `@handle `; returns the text and caret. */
export function insertMention(
  text: string,
  caret: number,
  mention: MentionQuery,
  handle: string,
): { text: string; caret: number } {
  const inserted = `@${handle} `;
  const after = text.slice(caret).replace(/^\s/, "");
  return {
    text: `${text.slice(0, mention.start)}${inserted}${after}`,
    caret: mention.start + inserted.length,
  };
}
