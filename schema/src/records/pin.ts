import { type Actor, isActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { isEntityId } from "../ids.ts";
import { canPost, type RootWriteRule, sameActorAs } from "../write-rules/entry-write.ts";
import { isRecord } from "./guards.ts";

/** The value of a `pins` entry, keyed by message id. */
export interface PinRecord {
  readonly by: Actor;
  readonly at: Stamp;
}

export function isPinRecord(value: unknown): value is PinRecord {
  return isRecord(value) && isActor(value.by) && isStamp(value.at);
}

/** A member pins as `by`; the pin stays whoever's it is, and its pinner or a moderator unpins. */
export const pinWrites: RootWriteRule = {
  entries: "value",
  check(write, writer) {
    if (!canPost(writer)) return "may not pin with this access";
    if (!isEntityId(write.key)) return "pins under a malformed key";
    const pinnedBy = isPinRecord(write.before) ? write.before.by : undefined;
    if (write.after === undefined) {
      return writer.moderator || sameActorAs(pinnedBy, writer)
        ? undefined
        : "unpins someone else's pin";
    }
    if (!isPinRecord(write.after) || !sameActorAs(write.after.by, writer)) {
      return "pins for someone else";
    }
    return write.before === undefined || sameActorAs(pinnedBy, writer)
      ? undefined
      : "replaces someone else's pin";
  },
};
