// One thread's share of the decoded document: its main line, fork lines, forks by parent message
// and latest message stamp. Everything here depends only on entries whose threadId is that
// thread, so a change elsewhere never makes it stale.
import { compareByStampThenId, maxStamp, type Stamp } from "../clock.ts";
import type { ForkRecord } from "../records/fork.ts";
import type { MessageRecord } from "../records/message.ts";

export interface ThreadLines {
  /** Main-line messages by (createdAt, id). */
  readonly mainLine: readonly MessageRecord[];
  /** forkId -> the fork's messages by (createdAt, id). */
  readonly forkLines: ReadonlyMap<string, readonly MessageRecord[]>;
  /** messageId -> forks branched from it by (createdAt, id). */
  readonly forksByParent: ReadonlyMap<string, readonly ForkRecord[]>;
  /** Latest createdAt among the thread's messages, forks included. */
  readonly lastMessageAt: Stamp | undefined;
}

export const NO_LINES: ThreadLines = {
  mainLine: [],
  forkLines: new Map(),
  forksByParent: new Map(),
  lastMessageAt: undefined,
};

export function push<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [value]);
  else list.push(value);
}

function sortEach<K, V extends { createdAt: string; id: string }>(index: Map<K, V[]>): Map<K, V[]> {
  for (const list of index.values()) list.sort(compareByStampThenId);
  return index;
}

/**
 * The lines of one thread from its decoded messages and forks (`threadMessages`,
 * `threadForks`: those whose threadId is the thread), looking up any fork or message by id.
 */
export function buildThreadLines(
  threadMessages: Iterable<MessageRecord>,
  threadForks: Iterable<ForkRecord>,
  forks: ReadonlyMap<string, ForkRecord>,
  messages: ReadonlyMap<string, MessageRecord>,
): ThreadLines {
  const mainLine: MessageRecord[] = [];
  const forkLines = new Map<string, MessageRecord[]>();
  let lastMessageAt: Stamp | undefined;
  for (const message of threadMessages) {
    lastMessageAt = maxStamp(lastMessageAt, message.createdAt);
    if (message.forkId === null) mainLine.push(message);
    else if (forks.get(message.forkId)?.threadId === message.threadId) {
      push(forkLines, message.forkId, message);
    }
  }
  const forksByParent = new Map<string, ForkRecord[]>();
  for (const fork of threadForks) {
    const parent = messages.get(fork.parentMessageId);
    if (parent?.forkId === null && parent.threadId === fork.threadId) {
      push(forksByParent, fork.parentMessageId, fork);
    }
  }
  return {
    mainLine: mainLine.sort(compareByStampThenId),
    forkLines: sortEach(forkLines),
    forksByParent: sortEach(forksByParent),
    lastMessageAt,
  };
}
