// A thread's entry in a split channel document's thread index (docs/history-split.md): one plain
// value per thread id in the `threadIndex` root, computed from the thread document alone
// (split/derive-index-entry.ts) and written only by the server, like `lateArrivals`. It mirrors
// the thread's own entry (title, status, creator, creation) and adds what only reading the whole
// thread tells (counts, latest stamps, pins, the last few messages' stamps and authors). Peers
// never write it; they read it to list threads and count unread without loading thread documents.
import { type Actor, isActor, isActorId, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { isEntityId } from "../ids.ts";
import { isFiniteNumber, isRecord, isString, oneOf } from "./guards.ts";
import { THREAD_STATUSES, type ThreadStatus } from "./thread.ts";

export interface PinnedReference {
  readonly messageId: string;
  readonly by: Actor;
  readonly at: Stamp;
}

/** A main-line message as unread counts see it: its createdAt stamp and its author's id. */
export interface RecentMessage {
  readonly stamp: Stamp;
  readonly authorId: string;
}

/** How many of the last live main-line messages a digest keeps: unread counts are exact up to it. */
export const DIGEST_RECENT_MESSAGES = 20;

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
  /**
   * The last `DIGEST_RECENT_MESSAGES` live main-line messages, oldest first: a reader's unread
   * count is exact up to that many (messages by others stamped after the read position).
   */
  readonly recent: readonly RecentMessage[];
}

const isCount = (value: unknown): value is number =>
  isFiniteNumber(value) && Number.isInteger(value) && value >= 0;

function isPinnedReference(value: unknown): value is PinnedReference {
  return isRecord(value) && isEntityId(value.messageId) && isActor(value.by) && isStamp(value.at);
}

function isRecentMessage(value: unknown): value is RecentMessage {
  return isRecord(value) && isStamp(value.stamp) && isActorId(value.authorId);
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
    value.pinned.every(isPinnedReference) &&
    Array.isArray(value.recent) &&
    value.recent.length <= DIGEST_RECENT_MESSAGES &&
    value.recent.every(isRecentMessage)
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
    recent: digest.recent.map((message) => ({
      stamp: message.stamp,
      authorId: message.authorId,
    })),
  };
}

/** Whether two digests say the same (their stored forms are equal). */
export function sameThreadDigest(a: ThreadDigest, b: ThreadDigest): boolean {
  return JSON.stringify(plainThreadDigest(a)) === JSON.stringify(plainThreadDigest(b));
}
