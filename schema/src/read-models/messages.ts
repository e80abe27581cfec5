import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { plainActor } from "../actors.ts";
import { compareCodeUnits, compareStamps } from "../clock.ts";
import { findMessage } from "../records/lookup.ts";
import { isDeleted } from "../records/message.ts";
import type { TaskStatus } from "../records/task.ts";
import { toMessageView } from "./message-view.ts";
import { readSnapshot } from "./snapshot.ts";
import type { MessageView, PinnedMessage } from "./views.ts";

/** One message; undefined when unknown or malformed. */
export function getMessage(doc: Y.Doc, messageId: string): MessageView | undefined {
  const snapshot = readSnapshot(doc);
  const message = snapshot.messages.get(messageId);
  return message ? toMessageView(snapshot, message) : undefined;
}

/**
 * The live main-line messages mentioning `handle` (lower-case), in no particular order: found
 * from the decoded entries, so only the hits become views (a Mentions list over a large channel).
 */
export function messagesMentioning(doc: Y.Doc, handle: string): MessageView[] {
  const snapshot = readSnapshot(doc);
  const found: MessageView[] = [];
  for (const message of snapshot.messages.values()) {
    if (message.forkId !== null || isDeleted(message) || !message.mentions.includes(handle)) {
      continue;
    }
    found.push(toMessageView(snapshot, message));
  }
  return found;
}

/** Pinned messages that still exist and are not deleted, in the order they were pinned. */
export function listPinned(doc: Y.Doc): PinnedMessage[] {
  const snapshot = readSnapshot(doc);
  const pinned: PinnedMessage[] = [];
  for (const [messageId, pin] of snapshot.pins) {
    const message = snapshot.messages.get(messageId);
    if (message === undefined || isDeleted(message)) continue;
    pinned.push({
      message: toMessageView(snapshot, message),
      pinnedBy: plainActor(pin.by),
      pinnedAt: pin.at,
    });
  }
  return pinned.sort(comparePins);
}

/** Pin order: when pinned, then by message id. */
export function comparePins(a: PinnedMessage, b: PinnedMessage): number {
  return compareStamps(a.pinnedAt, b.pinnedAt) || compareCodeUnits(a.message.id, b.message.id);
}

/** What decides whether a message asks agents for a reply. */
export interface MentionFacts {
  readonly id: string;
  readonly threadId: string;
  readonly forkId: string | null;
  readonly author: Actor;
  /** Empty for a deleted message. */
  readonly mentions: readonly string[];
  /** The agent reply's task status; null for a message written by hand. */
  readonly taskStatus: TaskStatus | null;
}

/**
 * One message's mention facts, read from its entry alone (cheap enough to call for every new
 * message of a large channel, where `getMessage` needs the decoded document); undefined when
 * unknown or malformed.
 */
export function readMentionFacts(doc: Y.Doc, messageId: string): MentionFacts | undefined {
  const message = findMessage(doc, messageId);
  if (message === undefined) return undefined;
  return {
    id: message.id,
    threadId: message.threadId,
    forkId: message.forkId,
    author: plainActor(message.author),
    mentions: isDeleted(message) ? [] : [...message.mentions],
    taskStatus: message.task?.status ?? null,
  };
}
