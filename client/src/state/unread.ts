// Unread and mention computations: pure functions of the messages a replica
// holds, the person reading, and their read positions (the stamp of the last
// message seen, per thread, and a channel-wide floor). Other people's live
// messages newer than the position are unread; those naming the reader's
// handle are mentions. A thread whose document this device does not hold is
// counted from its digest in the channel document (split layout): its `recent`
// tail of main-line messages gives an exact count up to its length, "N+" beyond.
import type { MessageView, Stamp, ThreadDigest, ThreadSummary } from "@openvibe/schema";

export interface Reader {
  id: string;
  handle: string;
}

export interface ReadPositions {
  /** Everything at or before this stamp counts as read, in every thread. */
  channel: Stamp | null;
  threads: ReadonlyMap<string, Stamp>;
}

export interface ThreadUnread {
  threadId: string;
  title: string;
  unread: number;
  /** There may be more unread than `unread` (counted from a digest's tail, all of it unread). */
  more: boolean;
  /** Unread messages that mention the reader, oldest first (of a thread held here). */
  mentions: readonly MessageView[];
  /** How many unread messages mention the reader (of a thread not held: the server's inbox). */
  mentionCount: number;
  /** The thread's read position when this was computed. */
  readStamp: Stamp | null;
  /** The thread's last activity (what viewing it marks as read). */
  latest: Stamp;
}

export interface ChannelUnread {
  channelId: string;
  unread: number;
  /** Some thread may have more unread than counted ("N+"). */
  more: boolean;
  mentions: number;
  /** Threads with something unread, by last activity (most recent first). */
  threads: readonly ThreadUnread[];
}

export const NO_POSITIONS: ReadPositions = { channel: null, threads: new Map() };

function later(a: Stamp | null, b: Stamp | undefined): Stamp | null {
  if (b === undefined) return a;
  return a === null || b > a ? b : a;
}

/** The stamp up to which a thread is read: its own position or the channel's, whichever is later. */
export function readStampOf(positions: ReadPositions, threadId: string): Stamp | null {
  return later(positions.channel, positions.threads.get(threadId));
}

export function isUnread(message: MessageView, readStamp: Stamp | null, reader: Reader): boolean {
  if (message.deleted || message.author.id === reader.id) return false;
  return readStamp === null || message.createdAt > readStamp;
}

export interface FirstUnread {
  messageId: string;
  /** How many messages are unread from it on. */
  count: number;
}

/** The first of `messages` (in order) that is unread at `readStamp`, and how many are. */
export function firstUnread(
  messages: readonly MessageView[],
  readStamp: Stamp | null,
  reader: Reader,
): FirstUnread | null {
  const unread = messages.filter((message) => isUnread(message, readStamp, reader));
  const first = unread[0];
  return first === undefined ? null : { messageId: first.id, count: unread.length };
}

export function mentionsReader(message: MessageView, reader: Reader): boolean {
  return message.author.id !== reader.id && message.mentions.includes(reader.handle.toLowerCase());
}

export function threadUnread(
  summary: Pick<ThreadSummary, "id" | "title" | "lastActivityAt">,
  messages: readonly MessageView[],
  readStamp: Stamp | null,
  reader: Reader,
): ThreadUnread {
  const unread = messages.filter((message) => isUnread(message, readStamp, reader));
  const mentions = unread.filter((message) => mentionsReader(message, reader));
  return {
    threadId: summary.id,
    title: summary.title,
    unread: unread.length,
    more: false,
    mentions,
    mentionCount: mentions.length,
    readStamp,
    latest: summary.lastActivityAt,
  };
}

/** A thread as the channel lists it: its summary and, once the server read it, its digest. */
export type ListedThread = Pick<ThreadSummary, "id" | "title" | "lastActivityAt"> & {
  readonly messageCount: number | null;
  readonly digest?: ThreadDigest | null;
};

/**
 * A thread's unread count from its digest alone: the tail's messages of others past the read
 * position; when the whole tail is unread and the thread has more messages, "more". A pending
 * thread (no digest yet: made on this device) has nothing of others to count.
 * `mentionCount`: its unread mentions, as the server's mentions inbox lists them.
 */
export function digestUnread(
  thread: ListedThread,
  readStamp: Stamp | null,
  reader: Reader,
  mentionCount = 0,
): ThreadUnread {
  const recent = thread.digest?.recent ?? [];
  const base = { threadId: thread.id, title: thread.title, mentions: [], mentionCount, readStamp };
  const latest = thread.lastActivityAt;
  const unread = recent.filter(
    (m) => m.authorId !== reader.id && (readStamp === null || m.stamp > readStamp),
  ).length;
  const allUnread = recent.every((m) => readStamp === null || m.stamp > readStamp);
  const more = allUnread && unread > 0 && (thread.messageCount ?? 0) > recent.length;
  return { ...base, unread, more, latest };
}

/**
 * A channel's unread state. Only threads with activity after their read position are read
 * (`messagesOf`, which is given that position and may leave out the messages at or before it;
 * undefined when this device does not hold the thread, which is then counted from its digest
 * and its unread mentions from `mentionsOf`), so a large, mostly read channel costs little.
 */
export function channelUnread(
  channelId: string,
  summaries: readonly ListedThread[],
  messagesOf: (threadId: string, readStamp: Stamp | null) => readonly MessageView[] | undefined,
  positions: ReadPositions,
  reader: Reader,
  mentionsOf: (threadId: string, readStamp: Stamp | null) => number = () => 0,
): ChannelUnread {
  const threads: ThreadUnread[] = [];
  for (const summary of summaries) {
    const readStamp = readStampOf(positions, summary.id);
    if (readStamp !== null && summary.lastActivityAt <= readStamp) continue;
    const messages = messagesOf(summary.id, readStamp);
    const thread =
      messages === undefined
        ? digestUnread(summary, readStamp, reader, mentionsOf(summary.id, readStamp))
        : threadUnread(summary, messages, readStamp, reader);
    if (thread.unread > 0) threads.push(thread);
  }
  return {
    channelId,
    unread: threads.reduce((sum, thread) => sum + thread.unread, 0),
    more: threads.some((thread) => thread.more),
    mentions: threads.reduce((sum, thread) => sum + thread.mentionCount, 0),
    threads,
  };
}

export interface ThreadPlace {
  channelId: string;
  threadId: string;
}

/**
 * The next thread with something unread after `current`, going through channels in `order`
 * (the sidebar's) and, within a channel, threads by last activity; wraps around. Null when
 * nothing is unread anywhere else.
 */
export function nextUnread(
  order: readonly string[],
  unread: ReadonlyMap<string, ChannelUnread>,
  current: ThreadPlace | null,
): ThreadPlace | null {
  const places = order.flatMap((channelId, rank) =>
    (unread.get(channelId)?.threads ?? []).map((thread) => ({
      place: { channelId, threadId: thread.threadId },
      rank,
    })),
  );
  const isCurrent = (place: ThreadPlace) =>
    current !== null &&
    place.channelId === current.channelId &&
    place.threadId === current.threadId;
  const currentAt = places.findIndex(({ place }) => isCurrent(place));
  const currentRank = current === null ? -1 : order.indexOf(current.channelId);
  const start =
    currentAt >= 0 ? currentAt + 1 : places.findIndex(({ rank }) => rank >= currentRank);
  const from = start < 0 ? places.length : start;
  const rotated = [...places.slice(from), ...places.slice(0, from)];
  return rotated.find(({ place }) => !isCurrent(place))?.place ?? null;
}
