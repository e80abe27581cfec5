// Suggestions for a composer (the ARIA combobox pattern): typing the opener of a source
// (`@` for people and agents, `:` for emoji) and letters opens a listbox of its suggestions;
// Up/Down move through it, Enter or Tab insert the suggestion, Esc closes it (and nothing
// else), clicking picks.
import {
  type KeyboardEvent,
  type ReactNode,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { type CompletionQuery, replaceQuery } from "./completion.ts";
import type { CompletionSource } from "./sources.tsx";

interface Typing {
  /** Which of `sources` (by position): its suggestions are asked anew when that source changes,
   * e.g. when someone joins while a person types `@`. */
  sourceIndex: number;
  query: CompletionQuery;
  caret: number;
}

function queryAt(sources: readonly CompletionSource[], text: string, caret: number) {
  for (const [sourceIndex, source] of sources.entries()) {
    const query = source.queryAt(text, caret);
    if (query !== null) return { sourceIndex, query };
  }
  return null;
}

export function useAutocomplete(
  text: string,
  setText: (next: string) => void,
  sources: readonly CompletionSource[],
) {
  const input = useRef<HTMLTextAreaElement>(null);
  const caretAfterInsert = useRef<number | null>(null);
  const [typing, setTyping] = useState<Typing | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();

  const source = typing === null ? undefined : sources[typing.sourceIndex];
  const visible = typing !== null && typing.query.start !== dismissedAt;
  const matches = visible && source !== undefined ? source.suggest(typing.query.query) : [];
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
    const found = element.selectionEnd === caret ? queryAt(sources, element.value, caret) : null;
    if (found?.query.query !== typing?.query.query) setActive(0);
    setTyping(found === null ? null : { ...found, caret });
    if (found === null) setDismissedAt(null);
  };

  const pick = (insertion: string) => {
    if (typing === null) return;
    const next = replaceQuery(text, typing.caret, typing.query, insertion);
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
      pick(chosen.insertion);
    } else if (event.key === "Escape") {
      setDismissedAt(typing.query.start);
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

  const listbox: ReactNode = open && source !== undefined && (
    <div id={listId} role="listbox" aria-label={source.label} className="suggestions">
      {matches.map((suggestion, index) => (
        <div
          key={suggestion.key}
          id={optionId(index)}
          role="option"
          tabIndex={-1}
          aria-selected={index === activeIndex}
          // Mouse down, not click: the textarea keeps its focus and caret.
          onMouseDown={(event) => {
            event.preventDefault();
            pick(suggestion.insertion);
          }}
        >
          {suggestion.content}
        </div>
      ))}
    </div>
  );

  return { inputProps, track, onKeyDown, listbox };
}
