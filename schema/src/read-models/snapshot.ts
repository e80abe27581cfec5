import type * as Y from "yjs";
import { indexInStep } from "../changed-entries.ts";
import type { ForkRecord } from "../records/fork.ts";
import type { MessageRecord } from "../records/message.ts";
import type { PinRecord } from "../records/pin.ts";
import type { ThreadRecord } from "../records/thread.ts";
import { SnapshotIndex } from "./snapshot-index.ts";
import type { ThreadLines } from "./thread-lines.ts";

/**
 * Every well-formed entity of a channel document, decoded and indexed for the views.
 * Malformed entries are skipped, never thrown on.
 */
export interface ChannelSnapshot {
  readonly threads: ReadonlyMap<string, ThreadRecord>;
  readonly forks: ReadonlyMap<string, ForkRecord>;
  readonly messages: ReadonlyMap<string, MessageRecord>;
  /** messageId -> emoji -> actor ids. */
  readonly reactions: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  readonly pins: ReadonlyMap<string, PinRecord>;
  /** A thread's main line, fork lines, forks by parent and latest message stamp. */
  lines(threadId: string): ThreadLines;
}

/** A fork's messages by (createdAt, id); undefined for an unknown fork or one without any. */
export function forkLine(
  snapshot: ChannelSnapshot,
  forkId: string,
): readonly MessageRecord[] | undefined {
  const fork = snapshot.forks.get(forkId);
  return fork && snapshot.lines(fork.threadId).forkLines.get(forkId);
}

/** Forks branched from a main-line message, by (createdAt, id). */
export function forksOf(
  snapshot: ChannelSnapshot,
  message: MessageRecord,
): readonly ForkRecord[] | undefined {
  return snapshot.lines(message.threadId).forksByParent.get(message.id);
}

const snapshots = new WeakMap<Y.Doc, SnapshotIndex>();

/**
 * The decoded document. The first read decodes it whole (O(document)); from then on it follows
 * every transaction's changed entries (O(changed)), and reads inside a transaction see what the
 * transaction wrote so far. The result is live: read it now, do not keep it.
 */
export function readSnapshot(doc: Y.Doc): ChannelSnapshot {
  return indexInStep(snapshots, doc, () => new SnapshotIndex(doc));
}
