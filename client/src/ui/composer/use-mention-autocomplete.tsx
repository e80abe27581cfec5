// @mention suggestions for a composer (the ARIA combobox pattern): typing `@` and letters
// opens a listbox of people and agents from the cached workspace data; Up/Down move through
// it, Enter or Tab insert `@handle `, Esc closes it (and nothing else), clicking picks.
import {
  type KeyboardEvent,
  type ReactNode,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useObservable } from "../../state/observable.ts";
import { Avatar } from "../Avatar.tsx";
import { useServices } from "../services.tsx";
import {
  insertMention,
  type MentionCandidate,
  type MentionQuery,
  matchCandidates,
  mentionQueryAt,
} from "./mention-query.ts";

interface Typing {
  mention: MentionQuery;
  caret: number;
}

function useCandidates(): MentionCandidate[] {
  const people = useObservable(useServices().store.people);
  return useMemo(
    () =>
      people
        .filter((person) => person.status === "active")
        .map(({ id, avatarColor, handle, displayName, kind }) => ({
          id,
          avatarColor,
          handle,
          displayName,
          kind,
        })),
    [people],
  );
}

export function useMentionAutocomplete(text: string, setText: (next: string) => void) {
  const candidates = useCandidates();
  const input = useRef<HTMLTextAreaElement>(null);
  const caretAfterInsert = useRef<number | null>(null);
  const [typing, setTyping] = useState<Typing | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();

  const visible = typing !== null && typing.mention.start !== dismissedAt;
  const matches = visible ? matchCandidates(candidates, typing.mention.query) : [];
  const open = matches.length > 0;
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  useLayoutEffect(() => {
    const caret = caretAfterInsert.current;
    if (caret === null || input.current === null || input.current.value !== text) return;
    caretAfterInsert.current = null;
    input.current.setSelectionRange(caret, caret);
  }, [text]);

  /** Call when the text or the caret changed. */
  const track = (element: HTMLTextAreaElement) => {
    const caret = element.selectionStart;
    const mention = element.selectionEnd === caret ? mentionQueryAt(element.value, caret) : null;
    if (mention?.query !== typing?.mention.query) setActive(0);
    setTyping(mention === null ? null : { mention, caret });
    if (mention === null) setDismissedAt(null);
  };

  const pick = (candidate: MentionCandidate) => {
    if (typing === null) return;
    const next = insertMention(text, typing.caret, typing.mention, candidate.handle);
    caretAfterInsert.current = next.caret;
    setTyping(null);
    setText(next.text);
  };

  /** Handles the key when the list is open; true when it did (the composer ignores it then). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || typing === null) return false;
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    const chosen = matches[activeIndex];
    if (step !== undefined) {
      setActive((activeIndex + step + matches.length) % matches.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && chosen !== undefined) {
      pick(chosen);
    } else if (event.key === "Escape") {
      setDismissedAt(typing.mention.start);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  const inputProps = {
    ref: input,
    role: "combobox",
    "aria-expanded": open,
    "aria-controls": listId,
    "aria-autocomplete": "list",
    "aria-activedescendant": open ? optionId(activeIndex) : undefined,
    onSelect: () => input.current !== null && track(input.current),
    onBlur: () => setTyping(null),
  } as const;

  const listbox: ReactNode = open && (
    <div id={listId} role="listbox" aria-label="Mention suggestions" className="mention-list">
      {matches.map((candidate, index) => (
        <div
          key={candidate.handle}
          id={optionId(index)}
          role="option"
          tabIndex={-1}
          aria-selected={index === activeIndex}
          // Mouse down, not click: the textarea keeps its focus and caret.
          onMouseDown={(event) => {
            event.preventDefault();
            pick(candidate);
          }}
        >
          <Avatar
            id={candidate.id}
            displayName={candidate.displayName}
            colour={candidate.avatarColor}
          />
          <span className="mention-handle">@{candidate.handle}</span> {candidate.displayName}
          {candidate.kind === "agent" && <span className="mention-agent"> agent</span>}
        </div>
      ))}
    </div>
  );

  return { inputProps, track, onKeyDown, listbox };
}
