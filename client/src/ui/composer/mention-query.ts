// The @mention being typed at the caret, who it could name, and what picking one writes.
// An `@` counts when it starts the text or follows a space or opening punctuation (so e-mail
// addresses and URLs do not open suggestions), and the caret sits in the handle after it.
import { type CompletionQuery, queryBeforeCaret } from "./completion.ts";

export type MentionQuery = CompletionQuery;

export interface MentionCandidate {
  id: string;
  avatarColor: string;
  handle: string;
  displayName: string;
  kind: "human" | "agent";
}

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  return queryBeforeCaret(text, caret, "@", "[A-Za-z0-9_.-]{0,32}");
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

/** What picking `handle` writes in place of the query. */
export function mentionText(handle: string): string {
  return `@${handle} `;
}
