// What the composer suggests: people and agents after `@`, emoji after `:`.
import { type ReactNode, useMemo } from "react";
import { useObservable } from "../../state/observable.ts";
import { Avatar } from "../Avatar.tsx";
import { searchEmoji, shortcode, useEmojiCatalog } from "../emoji/catalog.ts";
import { useServices } from "../services.tsx";
import type { CompletionQuery } from "./completion.ts";
import { matchCandidates, mentionQueryAt, mentionText } from "./mention-query.ts";
import { shortcodeQueryAt } from "./shortcode-query.ts";

export interface Suggestion {
  key: string;
  /** What picking it writes in place of the query. */
  insertion: string;
  content: ReactNode;
}

export interface CompletionSource {
  /** The name of its list of suggestions. */
  label: string;
  queryAt(text: string, caret: number): CompletionQuery | null;
  suggest(query: string): readonly Suggestion[];
}

const SHOWN = 8;

export function useMentionSource(): CompletionSource {
  const people = useObservable(useServices().store.people);
  return useMemo(() => {
    const candidates = people.filter((person) => person.status === "active");
    return {
      label: "Mention suggestions",
      queryAt: mentionQueryAt,
      suggest: (query) =>
        matchCandidates(candidates, query, SHOWN).map((candidate) => ({
          key: candidate.handle,
          insertion: mentionText(candidate.handle),
          content: (
            <>
              <Avatar
                id={candidate.id}
                displayName={candidate.displayName}
                colour={candidate.avatarColor}
              />
              <span className="mention-handle">@{candidate.handle}</span> {candidate.displayName}
              {candidate.kind === "agent" && <span className="mention-agent"> agent</span>}
            </>
          ),
        })),
    };
  }, [people]);
}

/** Emoji by :shortcode:; the catalog loads once `text` holds a ":" (a shortcode may be typed). */
export function useEmojiSource(text: string): CompletionSource {
  const catalog = useEmojiCatalog(text.includes(":"));
  return useMemo(
    () => ({
      label: "Emoji suggestions",
      queryAt: shortcodeQueryAt,
      suggest: (query) =>
        searchEmoji(catalog ?? [], query, SHOWN).map((entry) => ({
          key: entry.emoji,
          insertion: `${entry.emoji} `,
          content: (
            <>
              <span className="suggested-emoji">{entry.emoji}</span> {shortcode(entry)}
            </>
          ),
        })),
    }),
    [catalog],
  );
}
