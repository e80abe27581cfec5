// The top bar's menu button: opens and closes the sidebar on narrow screens (a drawer
// there); wide screens always show the sidebar and hide this button.
import type { ReactNode } from "react";
import type { Drawer } from "./use-drawer.ts";

export const SIDEBAR_ID = "sidebar";

export function MenuButton({ drawer }: { drawer: Drawer }): ReactNode {
  return (
    <button
      type="button"
      className="menu-button narrow-only"
      aria-expanded={drawer.open}
      aria-controls={SIDEBAR_ID}
      onClick={drawer.toggle}
    >
      <span aria-hidden="true">☰</span>
      <span className="visually-hidden">Menu</span>
    </button>
  );
}
