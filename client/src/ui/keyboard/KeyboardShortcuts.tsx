// Workspace-wide shortcuts: Ctrl/Cmd+K opens the quick switcher,
// Alt+Shift+Down jumps to the next thread with something unread (the unread
// feature's `nextUnread`, over the sidebar's channel order).
import { type ReactNode, useEffect, useState } from "react";
import { useObservable } from "../../state/observable.ts";
import { nextUnread } from "../../state/unread.ts";
import { useUnread } from "../attention/context.ts";
import { navigate } from "../navigation.ts";
import type { Route } from "../routes.ts";
import { useServices } from "../services.tsx";
import { QuickSwitcher } from "./QuickSwitcher.tsx";
import "./keyboard.css";

export function isSwitcherShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k";
}

export function isNextUnreadShortcut(event: KeyboardEvent): boolean {
  return event.altKey && event.shiftKey && event.key === "ArrowDown";
}

export function KeyboardShortcuts({ route }: { route: Route }): ReactNode {
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const unread = useUnread();
  const [switching, setSwitching] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isSwitcherShortcut(event)) {
        event.preventDefault();
        setSwitching(true);
      } else if (isNextUnreadShortcut(event)) {
        event.preventDefault();
        const order = channels.filter((c) => c.joined && !c.archived).map((c) => c.id);
        const here = route.screen === "thread" ? route : null;
        const next = nextUnread(order, unread, here);
        if (next !== null) navigate({ screen: "thread", ...next, forkId: null });
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [channels, unread, route]);

  return switching ? <QuickSwitcher onClose={() => setSwitching(false)} /> : null;
}
