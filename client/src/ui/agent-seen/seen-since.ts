// How a message an agent saw stands now, against the copy in this browser: as it was, edited
// since (its version moved on), deleted since, or not here to compare (another channel, or
// not loaded).
import { type MessageView, messageVersion, type SeenMessage } from "@openvibe/schema";

export type SeenSince = "unchanged" | "edited" | "deleted" | "unknown";

export function seenSince(seen: SeenMessage, now: MessageView | undefined): SeenSince {
  if (now === undefined) return "unknown";
  if (now.deleted) return "deleted";
  return messageVersion(now) === seen.version ? "unchanged" : "edited";
}
