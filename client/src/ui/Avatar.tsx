// A person's avatar beside their name: for now always the default, their initials on their
// colour (avatar.ts). Decorative: the name next to it is what assistive technology reads.
import type { ReactNode } from "react";
import { colourOf, initialsOf } from "./avatar.ts";

export function Avatar(props: { id: string; displayName: string }): ReactNode {
  return (
    <span className="avatar" aria-hidden="true" style={{ backgroundColor: colourOf(props.id) }}>
      {initialsOf(props.displayName)}
    </span>
  );
}
