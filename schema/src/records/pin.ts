import { type Actor, isActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { isRecord } from "./guards.ts";

/** The value of a `pins` entry, keyed by message id. */
export interface PinRecord {
  readonly by: Actor;
  readonly at: Stamp;
}

export function isPinRecord(value: unknown): value is PinRecord {
  return isRecord(value) && isActor(value.by) && isStamp(value.at);
}
