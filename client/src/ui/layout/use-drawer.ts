// The sidebar as a drawer on narrow screens: open while the person asked for it on this
// page; going anywhere (a channel picked in it, a link, Back) closes it, and so does Esc.
import { useEffect, useState } from "react";
import { type Route, routePath } from "../routes.ts";

export interface Drawer {
  open: boolean;
  toggle(): void;
}

export function useDrawer(route: Route): Drawer {
  const path = routePath(route);
  /** The page on which the drawer was opened: on any other page it is closed. */
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === path;
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      setOpenOn(null);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return { open, toggle: () => setOpenOn(open ? null : path) };
}
