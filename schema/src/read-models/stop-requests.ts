import type * as Y from "yjs";
import { stopRequestsMap } from "../layout.ts";
import { isStopRequestValue, parseStopRequestKey } from "../records/stop-request.ts";

/** Who asked the agent to stop this reply (actor ids, sorted); empty when nobody did. */
export function stopRequesters(doc: Y.Doc, messageId: string): string[] {
  const requesters: string[] = [];
  stopRequestsMap(doc).forEach((value, key) => {
    const request = parseStopRequestKey(key);
    if (request?.messageId === messageId && isStopRequestValue(value))
      requesters.push(request.actorId);
  });
  return requesters.sort();
}

export function isStopRequested(doc: Y.Doc, messageId: string): boolean {
  return stopRequesters(doc, messageId).length > 0;
}
