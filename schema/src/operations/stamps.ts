import type * as Y from "yjs";
import { isStamp, maxStamp, nextStamp, type Stamp } from "../clock.ts";
import type { Env } from "../ids.ts";
import { forksMap, messagesMap, threadsMap } from "../layout.ts";
import { isForkResolution } from "../records/fork.ts";
import { isYMap } from "../records/guards.ts";
import { isTaskState } from "../records/task.ts";

function stampsOf(entry: Y.Map<unknown>, fields: readonly string[]): Stamp | undefined {
  let latest: Stamp | undefined;
  for (const field of fields) {
    const value = entry.get(field);
    if (isStamp(value)) latest = maxStamp(latest, value);
  }
  return latest;
}

const MESSAGE_STAMP_FIELDS = ["createdAt", "editedAt", "deletedAt"] as const;
const FORK_STAMP_FIELDS = ["createdAt", "closedAt"] as const;

/**
 * The latest stamp visible in a thread: the thread, its forks and every message in it.
 * Malformed values are ignored (a stamp is only compared, never trusted for anything else).
 */
export function latestStampInThread(doc: Y.Doc, threadId: string): Stamp | undefined {
  const thread = threadsMap(doc).get(threadId);
  let latest = isYMap(thread) ? stampsOf(thread, ["createdAt"]) : undefined;
  forksMap(doc).forEach((fork) => {
    if (!isYMap(fork) || fork.get("threadId") !== threadId) return;
    latest = maxStamp(latest, stampsOf(fork, FORK_STAMP_FIELDS));
    const resolution = fork.get("resolution");
    if (isForkResolution(resolution)) latest = maxStamp(latest, resolution.resolvedAt);
  });
  messagesMap(doc).forEach((message) => {
    if (!isYMap(message) || message.get("threadId") !== threadId) return;
    latest = maxStamp(latest, stampsOf(message, MESSAGE_STAMP_FIELDS));
    const task = message.get("task");
    if (isTaskState(task)) latest = maxStamp(latest, task.updatedAt);
  });
  return latest;
}

/** The stamp for a change in a thread: after everything already visible there. */
export function nextThreadStamp(doc: Y.Doc, threadId: string, env: Env): Stamp {
  return nextStamp(latestStampInThread(doc, threadId), env.now());
}
