// The server-derived part of a thread's index entry in a split channel document
// (docs/history-split.md): one plain value of the `threadActivity` map per thread id, computed
// from the thread document by `deriveThreadActivity` and written only by the server, like
// `lateArrivals`. Peers never write it; they read it to list threads and count unread without
// loading thread documents.
import { type Actor, isActor, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { isEntityId } from "../ids.ts";
import { isFiniteNumber, isRecord } from "./guards.ts";

export interface PinnedReference {
  readonly messageId: string;
  readonly by: Actor;
  readonly at: Stamp;
}

export interface ThreadActivity {
  /** Live (not deleted) main-line messages, as `listThreads` counts them. */
  readonly messageCount: number;
  /** Latest message createdAt, forks included, else the thread's: `listThreads`'s order. */
  readonly lastActivityAt: Stamp;
  /** The latest stamp anywhere in the thread (edits, deletions, forks, task updates included). */
  readonly latestStamp: Stamp;
  readonly openForkCount: number;
  /** The thread's pinned live messages, in pin order (`listPinned`'s). */
  readonly pinned: readonly PinnedReference[];
}

const isCount = (value: unknown): value is number =>
  isFiniteNumber(value) && Number.isInteger(value) && value >= 0;

function isPinnedReference(value: unknown): value is PinnedReference {
  return isRecord(value) && isEntityId(value.messageId) && isActor(value.by) && isStamp(value.at);
}

export function isThreadActivity(value: unknown): value is ThreadActivity {
  return (
    isRecord(value) &&
    isCount(value.messageCount) &&
    isStamp(value.lastActivityAt) &&
    isStamp(value.latestStamp) &&
    isCount(value.openForkCount) &&
    Array.isArray(value.pinned) &&
    value.pinned.every(isPinnedReference)
  );
}

/** The value as stored: fields in a fixed order, nothing else, so equal activity is equal JSON. */
export function plainThreadActivity(activity: ThreadActivity): ThreadActivity {
  return {
    messageCount: activity.messageCount,
    lastActivityAt: activity.lastActivityAt,
    latestStamp: activity.latestStamp,
    openForkCount: activity.openForkCount,
    pinned: activity.pinned.map((pin) => ({
      messageId: pin.messageId,
      by: plainActor(pin.by),
      at: pin.at,
    })),
  };
}
