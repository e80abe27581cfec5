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
