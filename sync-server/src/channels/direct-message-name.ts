// A direct message's channel name, derived from its people: the same people always name the
// same conversation. Other channels may not take names with its prefix.
import { createHash } from "node:crypto";

export const DIRECT_MESSAGE_NAME_PREFIX = "dm-";

/** The channel name of the direct message between exactly these people. */
export function directMessageName(userIds: readonly string[]): string {
  const people = [...new Set(userIds)].sort().join("\n");
  const digest = createHash("sha256").update(people).digest("hex").slice(0, 20);
  return `${DIRECT_MESSAGE_NAME_PREFIX}${digest}`;
}
