import type * as Y from "yjs";
import { isStamp, maxStamp, nextStamp, type Stamp } from "../clock.ts";
import type { Env } from "../ids.ts";
import { isForkResolution } from "../records/fork.ts";
import { isYMap } from "../records/guards.ts";
import { isTaskState } from "../records/task.ts";
import { type EntryReaders, type EntryStamp, threadStampIndex } from "./thread-stamp-index.ts";

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

function threadOf(value: unknown): { entry: Y.Map<unknown>; threadId: string } | undefined {
  if (!isYMap(value)) return undefined;
  const threadId = value.get("threadId");
  return typeof threadId === "string" ? { entry: value, threadId } : undefined;
}

/**
 * What each entry adds to its thread's latest stamp. Malformed values are ignored (a stamp is
 * only compared, never trusted for anything else).
 */
const READERS: EntryReaders = {
  thread: (threadId, value): EntryStamp | undefined =>
    isYMap(value) ? { threadId, stamp: stampsOf(value, ["createdAt"]) } : undefined,
  fork: (_, value) => {
    const fork = threadOf(value);
    if (fork === undefined) return undefined;
    const resolution = fork.entry.get("resolution");
    const resolved = isForkResolution(resolution) ? resolution.resolvedAt : undefined;
    return {
      threadId: fork.threadId,
      stamp: maxStamp(stampsOf(fork.entry, FORK_STAMP_FIELDS), resolved),
    };
  },
  message: (_, value) => {
    const message = threadOf(value);
    if (message === undefined) return undefined;
    const task = message.entry.get("task");
    const updated = isTaskState(task) ? task.updatedAt : undefined;
    return {
      threadId: message.threadId,
      stamp: maxStamp(stampsOf(message.entry, MESSAGE_STAMP_FIELDS), updated),
    };
  },
};

/**
 * The latest stamp visible in a thread: the thread, its forks and every message in it.
 * O(entries changed since the last call), from a per-document index (thread-stamp-index.ts).
 */
export function latestStampInThread(doc: Y.Doc, threadId: string): Stamp | undefined {
  return threadStampIndex(doc, READERS).latest(threadId);
}

/** The stamp for a change in a thread: after everything already visible there. */
export function nextThreadStamp(doc: Y.Doc, threadId: string, env: Env): Stamp {
  return nextStamp(latestStampInThread(doc, threadId), env.now());
}
