// The reaction picker: a modal dialog (over everything, a sheet on a phone) with a search box
// and the emoji as a listbox (the ARIA combobox pattern): recently used first, then every emoji
// of the dataset by category, or the best answers to the search. Arrows move through the
// emoji, Enter or a click picks one, Esc or a click outside closes without picking.
import {
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useObservable } from "../../state/observable.ts";
import { useSignedIn } from "../services.tsx";
import { type EmojiEntry, searchEmoji, shortcode, useEmojiCatalog } from "./catalog.ts";
import { recentEmoji } from "./recent-emoji.ts";
import "./emoji.css";

interface Group {
  label: string;
  emoji: readonly { emoji: string; name: string }[];
}

const SEARCH_LIMIT = 96;
/** Emoji per row, for Up and Down (the grid keeps this many columns). */
const COLUMNS = 8;

function named(entry: EmojiEntry): { emoji: string; name: string } {
  return { emoji: entry.emoji, name: `${entry.description} ${shortcode(entry)}` };
}

function useGroups(query: string): Group[] {
  const catalog = useEmojiCatalog();
  const { me } = useSignedIn();
  const recent = useObservable(recentEmoji(me.id));
  return useMemo(() => {
    const entries = catalog ?? [];
    if (query.trim() !== "") {
      return [{ label: "Results", emoji: searchEmoji(entries, query, SEARCH_LIMIT).map(named) }];
    }
    const byEmoji = new Map(entries.map((entry) => [entry.emoji, entry]));
    const recentGroup: Group = {
      label: "Recently used",
      emoji: recent.map((emoji) => {
        const entry = byEmoji.get(emoji);
        return entry === undefined ? { emoji, name: emoji } : named(entry);
      }),
    };
    const categories = new Map<string, { emoji: string; name: string }[]>();
    for (const entry of entries) {
      const list = categories.get(entry.category) ?? [];
      list.push(named(entry));
      categories.set(entry.category, list);
    }
    return [recentGroup, ...[...categories].map(([label, emoji]) => ({ label, emoji }))];
  }, [catalog, recent, query]);
}

export interface EmojiPickerProps {
  onPick(emoji: string): void;
  onClose(): void;
}

export function EmojiPicker({ onPick, onClose }: EmojiPickerProps): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const groups = useGroups(query);
  const options = groups.flatMap((group) => group.emoji);
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;

  useLayoutEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the active emoji
  useEffect(() => {
    document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: "nearest" });
  }, [activeIndex]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[event.key];
    const chosen = options[activeIndex];
    if (step !== undefined && options.length > 0) {
      setActive(Math.min(options.length - 1, Math.max(0, activeIndex + step)));
    } else if (event.key === "Enter" && chosen !== undefined) {
      onPick(chosen.emoji);
    } else if (event.key === "Escape") {
      // Handled here, so the thread's Esc (which closes a fork) does not see it.
      onClose();
    } else return;
    event.preventDefault();
  };

  let index = 0;
  return (
    <dialog
      ref={dialog}
      className="emoji-picker"
      aria-label="Pick a reaction"
      onKeyDown={onKeyDown}
      onCancel={(event) => event.preventDefault()}
      // A click on the backdrop lands on the dialog itself.
      onClick={(event) => event.target === dialog.current && onClose()}
    >
      <input
        type="search"
        role="combobox"
        aria-label="Search emoji"
        aria-expanded={true}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options.length > 0 ? optionId(activeIndex) : undefined}
        placeholder="Search emoji"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
      />
      <div id={listId} role="listbox" aria-label="Emoji" className="emoji-list">
        {groups.map((group) => (
          <fieldset key={group.label} className="emoji-set">
            <legend className="emoji-group">{group.label}</legend>
            <div className="emoji-grid">
              {group.emoji.map((option) => {
                const at = index++;
                return (
                  <div
                    key={option.emoji}
                    id={optionId(at)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={at === activeIndex}
                    aria-label={option.name}
                    title={option.name}
                    onClick={() => onPick(option.emoji)}
                    onKeyDown={onKeyDown}
                  >
                    {option.emoji}
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        {options.length === 0 && <p className="emoji-group">No emoji found.</p>}
      </div>
    </dialog>
  );
}
