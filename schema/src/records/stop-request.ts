import {
  canPost,
  ownKeyedValue,
  type RootWriteRule,
  splitOwnedKey,
} from "../write-rules/entry-write.ts";
import { isFiniteNumber } from "./guards.ts";

/**
 * A request to stop a running agent reply is one key of the `stopRequests` map,
 * `${messageId}|${actorId}`, whose value is the wall-clock milliseconds of the request. The
 * requester owns the key, so anyone who may write in the channel can ask without touching the
 * agent's message; the agent sees the key and ends its reply as cancelled.
 */
export interface StopRequestKey {
  readonly messageId: string;
  readonly actorId: string;
}

export function stopRequestKey(request: StopRequestKey): string {
  return `${request.messageId}|${request.actorId}`;
}

export function parseStopRequestKey(key: string): StopRequestKey | undefined {
  const parts = splitOwnedKey(key);
  return parts === undefined ? undefined : { messageId: parts[0], actorId: parts[1] };
}

export const isStopRequestValue = isFiniteNumber;

/** A member asks (or withdraws) under their own key only. */
export const stopRequestWrites: RootWriteRule = {
  entries: "value",
  check: ownKeyedValue((key) => parseStopRequestKey(key)?.actorId, isStopRequestValue, canPost),
};
