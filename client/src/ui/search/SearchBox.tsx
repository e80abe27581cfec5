// The search box in the top bar: typing opens the search view, which answers as you type.
// Inside the search view, Ctrl/Cmd+F comes back to the box instead of the browser's find.
import { type ReactNode, useEffect, useRef } from "react";
import { Observable, useObservable } from "../../state/observable.ts";
import { navigate } from "../navigation.ts";
import { useSearchServices } from "./context.ts";

const NO_QUERY = new Observable("");

export function SearchBox({ searchViewOpen }: { searchViewOpen: boolean }): ReactNode {
  const services = useSearchServices();
  const input = useRef<HTMLInputElement>(null);
  const query = services?.query ?? null;
  const text = useObservable(query ?? NO_QUERY);
  useEffect(() => {
    if (!searchViewOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "f" || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [searchViewOpen]);
  return (
    <search className="search-box">
      <input
        ref={input}
        type="search"
        aria-label="Search messages"
        placeholder="Search  (in:#channel from:@name is:pinned…)"
        value={text}
        disabled={query === null}
        onChange={(event) => {
          query?.set(event.target.value);
          navigate({ screen: "search" });
        }}
        onFocus={() => {
          if (text !== "") navigate({ screen: "search" });
        }}
      />
    </search>
  );
}
