// An in-app link: a real href (open in new tab works) that navigates in place.
import type { ReactNode } from "react";
import { navigate } from "./navigation.ts";
import { type Route, routePath } from "./routes.ts";

export interface LinkProps {
  to: Route;
  children: ReactNode;
  /** Marks the link as the page being shown (aria-current). */
  current?: boolean;
}

export function Link({ to, children, current = false }: LinkProps): ReactNode {
  return (
    <a
      href={routePath(to)}
      aria-current={current ? "page" : undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
