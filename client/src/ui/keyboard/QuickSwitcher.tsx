// Ctrl/Cmd+K: a modal dialog to jump to a channel or thread by name. A
// combobox over a listbox: type to filter, Up/Down to choose, Enter to go,
// Esc to close (focus returns where it was).
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { directMessageName, isDirectMessage } from "../../state/channel-label.ts";
import { directMessageCandidates } from "../../state/direct-message-people.ts";
import { useObservable } from "../../state/observable.ts";
import { navigate } from "../navigation.ts";
import { useSignedIn } from "../services.tsx";
import { switcherItems } from "./switcher-items.ts";

export function QuickSwitcher({ onClose }: { onClose(): void }): ReactNode {
  const { store, replicas, me } = useSignedIn();
  const channels = useObservable(store.channels);
  const people = useObservable(store.people);
  const directNames = new Map(
    channels
      .filter(isDirectMessage)
      .map((channel) => [channel.id, directMessageName(channel, people, me.id)]),
  );
  const dialog = useRef<HTMLDialogElement | null>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const items = switcherItems(
    channels,
    replicas.list(),
    query,
    directNames,
    me.role === "guest" ? [] : directMessageCandidates(people, me.id),
  );
  const current = items[Math.min(active, items.length - 1)];

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index + step + items.length) % Math.max(items.length, 1));
    } else if (event.key === "Enter" && current !== undefined) {
      event.preventDefault();
      onClose();
      navigate(current.route);
    }
  };

  return (
    <dialog ref={dialog} className="quick-switcher" aria-label="Jump to" onClose={onClose}>
      <input
        role="combobox"
        aria-label="Jump to a channel or thread"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current === undefined ? undefined : `${listId}-${current.key}`}
        aria-autocomplete="list"
        placeholder="Jump to a channel or thread…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {items.length === 0 && <p className="empty">Nothing matches.</p>}
      <div id={listId} role="listbox" aria-label="Matches">
        {items.map((item) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox handles the keyboard
          <div
            key={item.key}
            id={`${listId}-${item.key}`}
            role="option"
            tabIndex={-1}
            aria-selected={item === current}
            onClick={() => {
              onClose();
              navigate(item.route);
            }}
          >
            <span className="label">{item.label}</span> <span className="meta">{item.detail}</span>
          </div>
        ))}
      </div>
    </dialog>
  );
}
