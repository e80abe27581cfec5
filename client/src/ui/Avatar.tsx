// A person's avatar beside their name: for now always the default, their initials on their
// colour (avatar.ts). Decorative: the name next to it is what assistive technology reads.
import { defaultAvatarColour } from "@openvibe/schema";
import type { ReactNode } from "react";
import { initialsOf, textColourOn } from "./avatar.ts";

export interface AvatarProps {
  id: string;
  displayName: string;
  /** The colour the person has (UserView.avatarColor); unknown: their default. */
  colour?: string | undefined;
}

export function Avatar({ id, displayName, colour }: AvatarProps): ReactNode {
  const background = colour ?? defaultAvatarColour(id);
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ backgroundColor: background, color: textColourOn(background) }}
    >
      {initialsOf(displayName)}
    </span>
  );
}
