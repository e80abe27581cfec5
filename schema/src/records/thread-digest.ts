// A thread's entry in a split channel document's thread index (docs/history-split.md): one plain
// value per thread id in the `threadIndex` root, computed from the thread document alone
// (split/derive-index-entry.ts) and written only by the server, like `lateArrivals`. It mirrors
// the thread's own entry (title, status, creator, creation) and adds what only reading the whole
// thread tells (counts, latest stamps, pins, the last few messages' stamps and authors). Peers
// never write it; they read it to list threads and count unread without loading thread documents.
import { type Actor, isActor, isActorId, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { isEntityId } from "../ids.ts";
import type { ThreadSummary } from "../read-models/views.ts";
import { isFiniteNumber, isRecord, isString, oneOf } from "./guards.ts";
import { THREAD_STATUSES } from "./thread.ts";

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

/** The thread's summary as its thread document holds it (which decides over the channel's). */
export interface ThreadDigest extends Omit<ThreadSummary, "id"> {
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

/** Every field but `recent`, as both forms hold them. */
function hasDigestFields(
  value: Record<string, unknown>,
): value is Record<string, unknown> & Omit<ThreadDigest, "recent"> {
  return (
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

export function isThreadDigest(value: unknown): value is ThreadDigest {
  return (
    isRecord(value) &&
    hasDigestFields(value) &&
    Array.isArray(value.recent) &&
    value.recent.length <= DIGEST_RECENT_MESSAGES &&
    value.recent.every(isRecentMessage)
  );
}

/** A copy with its fields in a fixed order and nothing else, so equal digests are equal JSON. */
export function plainThreadDigest(digest: ThreadDigest): ThreadDigest {
  return { ...withoutRecent(digest), recent: digest.recent.map(plainRecent) };
}

function plainRecent(message: RecentMessage): RecentMessage {
  return { stamp: message.stamp, authorId: message.authorId };
}

function withoutRecent(digest: Omit<ThreadDigest, "recent">): Omit<ThreadDigest, "recent"> {
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

/** Every stamp has this many characters (`isStamp`), so packed entries need no separator. */
const STAMP_LENGTH = 22;
const PACKED_ENTRY_LENGTH = STAMP_LENGTH + 1;

/**
 * A digest as the thread index stores it: `recent` packed into one string, each message its
 * stamp then its author's index in `recentAuthors` (one base-36 digit: at most 20 authors).
 * Twenty small objects per thread cost every replica of the channel document ~3 KB of heap per
 * thread (measured, 1,000 threads: 3.8 MB as objects, 1.4 MB packed; the target is 2 MB).
 */
export interface StoredThreadDigest extends Omit<ThreadDigest, "recent"> {
  readonly recent: string;
  readonly recentAuthors: readonly string[];
}

/** The stored form, fields in a fixed order. */
export function storedThreadDigest(digest: ThreadDigest): StoredThreadDigest {
  const authors: string[] = [];
  let recent = "";
  for (const message of digest.recent) {
    let index = authors.indexOf(message.authorId);
    if (index < 0) index = authors.push(message.authorId) - 1;
    recent += message.stamp + index.toString(36);
  }
  return { ...withoutRecent(digest), recent, recentAuthors: authors };
}

function unpackRecent(packed: unknown, authors: unknown): RecentMessage[] | undefined {
  if (typeof packed !== "string" || packed.length % PACKED_ENTRY_LENGTH !== 0) return undefined;
  if (!Array.isArray(authors) || !authors.every(isActorId)) return undefined;
  const recent: RecentMessage[] = [];
  for (let at = 0; at < packed.length; at += PACKED_ENTRY_LENGTH) {
    const stamp = packed.slice(at, at + STAMP_LENGTH);
    const authorId = authors[Number.parseInt(packed.charAt(at + STAMP_LENGTH), 36)];
    if (!isStamp(stamp) || authorId === undefined) return undefined;
    recent.push({ stamp, authorId });
  }
  return recent.length <= DIGEST_RECENT_MESSAGES ? recent : undefined;
}

export function isStoredThreadDigest(value: unknown): value is StoredThreadDigest {
  return (
    isRecord(value) &&
    hasDigestFields(value) &&
    unpackRecent(value.recent, value.recentAuthors) !== undefined
  );
}

/** The digest a stored value holds; undefined when it is not a valid stored digest. */
export function readStoredThreadDigest(value: unknown): ThreadDigest | undefined {
  if (!isRecord(value) || !hasDigestFields(value)) return undefined;
  const recent = unpackRecent(value.recent, value.recentAuthors);
  if (recent === undefined) return undefined;
  return { ...withoutRecent(value), recent };
}
