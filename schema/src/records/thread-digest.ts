// The server-derived part of a thread's index entry in a split channel document
// (docs/history-split.md): one plain value of the `threadDigests` map per thread id, computed
// from the thread document alone (split/derive-index-entry.ts) and written only by the server,
// like `lateArrivals`. It mirrors the thread's own entry (title, status, creator, creation) and
// adds what only reading the whole thread tells (counts, latest stamps, pins). Peers never write
// it; they read it to list threads and count unread without loading thread documents.
import { type Actor, isActor, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { isEntityId } from "../ids.ts";
import { isFiniteNumber, isRecord, isString, oneOf } from "./guards.ts";
import { THREAD_STATUSES, type ThreadStatus } from "./thread.ts";

export interface PinnedReference {
  readonly messageId: string;
  readonly by: Actor;
  readonly at: Stamp;
}

export interface ThreadDigest {
  /** The thread entry as its thread document holds it (which decides over the channel's). */
  readonly title: string;
  readonly status: ThreadStatus;
  readonly createdBy: Actor;
  readonly createdAt: Stamp;
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

export function isThreadDigest(value: unknown): value is ThreadDigest {
  return (
    isRecord(value) &&
    isString(value.title) &&
    oneOf(THREAD_STATUSES)(value.status) &&
    isActor(value.createdBy) &&
    isStamp(value.createdAt) &&
    isCount(value.messageCount) &&
    isStamp(value.lastActivityAt) &&
    isStamp(value.latestStamp) &&
    isCount(value.openForkCount) &&
    Array.isArray(value.pinned) &&
    value.pinned.every(isPinnedReference)
  );
}

/** The value as stored: fields in a fixed order, nothing else, so equal digests are equal JSON. */
export function plainThreadDigest(digest: ThreadDigest): ThreadDigest {
  return {
    title: digest.title,
    status: digest.status,
    createdBy: plainActor(digest.createdBy),
    createdAt: digest.createdAt,
    messageCount: digest.messageCount,
    lastActivityAt: digest.lastActivityAt,
    latestStamp: digest.latestStamp,
    openForkCount: digest.openForkCount,
    pinned: digest.pinned.map((pin) => ({
      messageId: pin.messageId,
      by: plainActor(pin.by),
      at: pin.at,
    })),
  };
}
