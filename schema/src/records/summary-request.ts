import {
  canPost,
  fieldsOf,
  ownKeyedValue,
  type RootWriteRule,
  sameActorAs,
} from "../write-rules/entry-write.ts";
import { isFiniteNumber } from "./guards.ts";

export const SUMMARY_REQUEST_KINDS = ["fork", "thread"] as const;
export type SummaryRequestKind = (typeof SUMMARY_REQUEST_KINDS)[number];

/**
 * A request for an agent's summary is one key of the `summaryRequests` map,
 * `${kind}|${targetId}|${actorId}` (kind "fork": targetId is a fork id; "thread": a thread id),
 * whose value is the wall-clock milliseconds of the latest request. The requester owns the key,
 * so asking works offline and never touches the fork or thread entry; the server sees the key
 * and queues one summary task.
 */
export interface SummaryRequestKey {
  readonly kind: SummaryRequestKind;
  readonly targetId: string;
  readonly actorId: string;
}

export function summaryRequestKey(request: SummaryRequestKey): string {
  return `${request.kind}|${request.targetId}|${request.actorId}`;
}

export function parseSummaryRequestKey(key: string): SummaryRequestKey | undefined {
  const [kind, targetId, actorId, ...rest] = key.split("|");
  if (rest.length > 0 || !targetId || !actorId) return undefined;
  if (kind !== "fork" && kind !== "thread") return undefined;
  return { kind, targetId, actorId };
}

export const isSummaryRequestValue = isFiniteNumber;

const ownRequest = ownKeyedValue(
  (key) => parseSummaryRequestKey(key)?.actorId,
  isSummaryRequestValue,
  canPost,
);

/**
 * A member asks under their own key; a fork's summary (which resolves the fork) only its
 * creator or a moderator, as for resolving it.
 */
export const summaryRequestWrites: RootWriteRule = {
  entries: "value",
  check(write, writer, lookup) {
    const problem = ownRequest(write, writer, lookup);
    if (problem !== undefined) return problem;
    const request = parseSummaryRequestKey(write.key);
    if (request?.kind !== "fork" || write.after === undefined || writer.moderator) return undefined;
    const fork = fieldsOf(lookup.after("forks", request.targetId));
    return sameActorAs(fork?.createdBy, writer) ? undefined : "asks to close someone else's fork";
  },
};
