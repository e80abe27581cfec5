import type * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import { stampWallTime } from "../clock.ts";
import { lateArrivalsMap } from "../layout.ts";
import { findMessage } from "../records/lookup.ts";
import { commit } from "./transaction.ts";

/**
 * A message reaching the server more than this after the wall time of its stamp was written
 * offline (or on a clock far behind). Below it, a slow network or a small clock skew.
 */
export const LATE_ARRIVAL_THRESHOLD_MS = 60_000;

/**
 * Records, for each of `messageIds` (messages the server has just received), when it arrived
 * if that is long after it was written, so every peer can mark it "sent while offline". Only the
 * server calls this, once per message, as the first to receive it. Returns the ids recorded.
 */
export function recordLateArrivals(
  doc: Y.Doc,
  messageIds: readonly string[],
  receivedAtMs: number,
): string[] {
  const arrivals = lateArrivalsMap(doc);
  const late = messageIds.filter((id) => {
    const createdAt = findMessage(doc, id)?.createdAt;
    const writtenAt = createdAt === undefined ? undefined : stampWallTime(createdAt);
    return (
      writtenAt !== undefined &&
      receivedAtMs - writtenAt > LATE_ARRIVAL_THRESHOLD_MS &&
      !arrivals.has(id)
    );
  });
  if (late.length === 0) return late;
  commit(doc, SYSTEM_ACTOR, "recordLateArrivals", () => {
    for (const id of late) arrivals.set(id, receivedAtMs);
  });
  return late;
}
