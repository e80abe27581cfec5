import type * as Y from "yjs";
import { lateArrivalsMap } from "../layout.ts";

export function isLateArrivalValue(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/**
 * When the server received a message that was written long before (see recordLateArrivals), in
 * wall-clock ms; undefined for a message that arrived in time.
 */
export function lateArrivalOf(doc: Y.Doc, messageId: string): number | undefined {
  const value = lateArrivalsMap(doc).get(messageId);
  return isLateArrivalValue(value) ? value : undefined;
}
