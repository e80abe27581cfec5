// An in-app link: a real href (open in new tab works) that navigates in place.
import type { ReactNode } from "react";
import { navigate } from "./navigation.ts";
import { type Route, routePath } from "./routes.ts";

export function Link({ to, children }: { to: Route; children: ReactNode }): ReactNode {
  return (
    <a
      href={routePath(to)}
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
