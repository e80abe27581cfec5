import type * as Y from "yjs";
import { compareCodeUnits, stampWallTime } from "../clock.ts";
import { summaryRequestsMap } from "../layout.ts";
import {
  isSummaryRequestValue,
  parseSummaryRequestKey,
  type SummaryRequestKind,
} from "../records/summary-request.ts";
import type { ChannelSnapshot } from "./snapshot.ts";
import { readSnapshot } from "./snapshot.ts";

/** Someone asked the default agent for a summary of a fork or a thread. */
export interface SummaryRequestView {
  readonly kind: SummaryRequestKind;
  /** The fork id (kind "fork") or the thread id (kind "thread"). */
  readonly targetId: string;
  readonly actorId: string;
  /** Wall-clock ms of the requester's latest ask. */
  readonly requestedAt: number;
}

/** A well-formed entry of the summaryRequests map, or undefined. */
export function toSummaryRequest(key: string, value: unknown): SummaryRequestView | undefined {
  const parsed = parseSummaryRequestKey(key);
  if (parsed === undefined || !isSummaryRequestValue(value)) return undefined;
  return { ...parsed, requestedAt: value };
}

/** Every request, by (kind, target, actor). */
export function listSummaryRequests(doc: Y.Doc): SummaryRequestView[] {
  const requests: SummaryRequestView[] = [];
  summaryRequestsMap(doc).forEach((value, key) => {
    const request = toSummaryRequest(key, value);
    if (request !== undefined) requests.push(request);
  });
  return requests.sort(
    (a, b) =>
      compareCodeUnits(a.kind, b.kind) ||
      compareCodeUnits(a.targetId, b.targetId) ||
      compareCodeUnits(a.actorId, b.actorId),
  );
}

function isPending(snapshot: ChannelSnapshot, request: SummaryRequestView): boolean {
  if (request.kind === "fork") {
    const fork = snapshot.forks.get(request.targetId);
    if (fork?.status !== "open") return false;
    // Answered once an agent's summary reply of the fork is running or done.
    return !snapshot
      .lines(fork.threadId)
      .mainLine.some(
        (m) => m.summaryOfForkId === fork.id && m.task !== undefined && m.task.status !== "failed",
      );
  }
  const thread = snapshot.threads.get(request.targetId);
  if (thread === undefined || thread.status === "archived") return false;
  // Answered by any agent reply in the main line started at or after the ask (wall clock).
  return !snapshot
    .lines(thread.id)
    .mainLine.some(
      (m) => m.task !== undefined && (stampWallTime(m.createdAt) ?? 0) >= request.requestedAt,
    );
}

/**
 * Requests not answered yet: a fork that is still open with no agent summary reply under way or
 * done, a thread (not archived) with no agent reply since the ask. For "Summarising…" markers, and
 * for the server to catch up on requests when it loads a document.
 */
export function pendingSummaryRequests(doc: Y.Doc): SummaryRequestView[] {
  const requests = listSummaryRequests(doc);
  // Most documents have none: then there is nothing to weigh, and no need to decode the document.
  if (requests.length === 0) return requests;
  const snapshot = readSnapshot(doc);
  return requests.filter((request) => isPending(snapshot, request));
}
