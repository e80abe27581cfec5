// The wall-clock time of a stamp, as a <time> element.
import { type Stamp, stampWallTime } from "@openvibe/schema";
import type { ReactNode } from "react";

export function StampTime({ stamp }: { stamp: Stamp }): ReactNode {
  const wall = stampWallTime(stamp);
  if (wall === undefined) return null;
  const date = new Date(wall);
  return <time dateTime={date.toISOString()}>{date.toLocaleString()}</time>;
}
