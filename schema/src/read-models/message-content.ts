// What a search index needs from a channel document: which messages' searchable content or
// filter facts changed in a transaction, and those facts read as plain JSON.
import type * as Y from "yjs";
import { type Actor, plainActor } from "../actors.ts";
import { compareByStampThenId, type Stamp } from "../clock.ts";
import { forksMap, messagesMap, pinsMap, threadsMap } from "../layout.ts";
import { type Attachment, plainAttachment } from "../records/attachment.ts";
import { isString, isYMap } from "../records/guards.ts";
import { findMessage, findThread } from "../records/lookup.ts";
import { isDeleted, type MessageRecord } from "../records/message.ts";
import { isPinRecord } from "../records/pin.ts";
import { forksOf, readSnapshot } from "./snapshot.ts";

/** One message as a search index holds it. */
export interface SearchableMessage {
  readonly id: string;
  readonly threadId: string;
  /** null: the thread's main line. */
  readonly forkId: string | null;
  readonly author: Actor;
  readonly createdAt: Stamp;
  /** Empty for a deleted message. */
  readonly body: string;
  readonly deleted: boolean;
  readonly pinned: boolean;
  /** Whether a fork branches from this message. */
  readonly hasFork: boolean;
  /** The title of the message's thread ("" when the thread is unknown or malformed). */
  readonly threadTitle: string;
  /** The lower-case handles the message mentions; none for a deleted message. */
  readonly mentions: readonly string[];
  /** The files attached to it; none for a deleted message. */
  readonly attachments: readonly Attachment[];
}

export interface MessageContentChange {
  /** Messages added, edited, appended to, deleted, re-mentioned, pinned or unpinned, or forked from. */
  readonly messageIds: readonly string[];
  readonly origin: unknown;
}

/** Keys of a message entry whose change alters what search shows. */
const CONTENT_KEYS = ["body", "mentions", "deletedAt", "editedAt", "attachments"];

function changedMessageIds(
  messages: Y.Map<unknown>,
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
): string[] {
  const ids: string[] = [];
  for (const event of events) {
    if (event.target === messages) {
      ids.push(...event.changes.keys.keys());
      continue;
    }
    const [id, field] = event.path;
    if (typeof id !== "string") continue;
    // path [id, "body"]: the body text itself changed (an edit or a streamed append).
    const touchesContent =
      field === "body" || CONTENT_KEYS.some((key) => event.changes.keys.has(key));
    if (touchesContent) ids.push(id);
  }
  return ids;
}

function parentOf(forkEntry: unknown): string | undefined {
  if (!isYMap(forkEntry)) return undefined;
  const parent = forkEntry.get("parentMessageId");
  return isString(parent) ? parent : undefined;
}

function forkParents(forks: Y.Map<unknown>, event: Y.YEvent<Y.AbstractType<unknown>>): string[] {
  if (event.target !== forks) return [];
  const parents: string[] = [];
  for (const [key, change] of event.changes.keys) {
    if (change.action !== "add") continue;
    const parent = parentOf(forks.get(key));
    if (parent !== undefined) parents.push(parent);
  }
  return parents;
}

/** Threads whose title changed (a rename): the path [threadId] with "title" among its keys. */
function renamedThreads(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): string[] {
  const ids: string[] = [];
  for (const event of events) {
    const [id] = event.path;
    if (typeof id === "string" && event.path.length === 1 && event.changes.keys.has("title")) {
      ids.push(id);
    }
  }
  return ids;
}

/** The ids of the messages of these threads (a rename is rare: a scan of the messages). */
function messagesOfThreads(messages: Y.Map<unknown>, threadIds: ReadonlySet<string>): string[] {
  const ids: string[] = [];
  for (const [id, entry] of messages) {
    if (isYMap(entry) && threadIds.has(entry.get("threadId") as string)) ids.push(id);
  }
  return ids;
}

/**
 * Calls `listener` after every transaction that changed what a search index holds for some
 * messages: added, body edited or appended to, deleted, mentions changed, pinned or unpinned,
 * a fork branched from it, or its thread renamed. Local and remote transactions alike. Returns
 * the unsubscriber.
 */
export function observeMessageContent(
  doc: Y.Doc,
  listener: (change: MessageContentChange) => void,
): () => void {
  const messages = messagesMap(doc);
  const pins = pinsMap(doc);
  const forks = forksMap(doc);
  const threads = threadsMap(doc);
  const pending = new Set<string>();
  const renamed = new Set<string>();
  const onMessages = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const id of changedMessageIds(messages, events)) pending.add(id);
  };
  const onPins = (event: Y.YMapEvent<unknown>) => {
    for (const id of event.keysChanged) pending.add(id);
  };
  const onForks = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) for (const id of forkParents(forks, event)) pending.add(id);
  };
  const onThreads = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const id of renamedThreads(events)) renamed.add(id);
  };
  // Observers of one transaction run before "afterTransaction": report once per transaction.
  const onAfterTransaction = (transaction: Y.Transaction) => {
    if (renamed.size > 0) {
      for (const id of messagesOfThreads(messages, renamed)) pending.add(id);
      renamed.clear();
    }
    if (pending.size === 0) return;
    const messageIds = [...pending];
    pending.clear();
    listener({ messageIds, origin: transaction.origin });
  };
  messages.observeDeep(onMessages);
  pins.observe(onPins);
  forks.observeDeep(onForks);
  threads.observeDeep(onThreads);
  doc.on("afterTransaction", onAfterTransaction);
  return () => {
    messages.unobserveDeep(onMessages);
    pins.unobserve(onPins);
    forks.unobserveDeep(onForks);
    threads.unobserveDeep(onThreads);
    doc.off("afterTransaction", onAfterTransaction);
  };
}

function toSearchable(
  message: MessageRecord,
  facts: { pinned: boolean; hasFork: boolean; threadTitle: string },
): SearchableMessage {
  const deleted = isDeleted(message);
  return {
    id: message.id,
    threadId: message.threadId,
    forkId: message.forkId,
    author: plainActor(message.author),
    createdAt: message.createdAt,
    body: deleted ? "" : message.body.toString(),
    deleted,
    pinned: !deleted && facts.pinned,
    hasFork: facts.hasFork,
    threadTitle: facts.threadTitle,
    mentions: deleted ? [] : message.mentions,
    attachments: deleted ? [] : (message.attachments ?? []).map(plainAttachment),
  };
}

/**
 * One message's searchable facts, read without decoding the whole document (cheap enough to
 * call per changed message); undefined when unknown or malformed.
 */
export function readSearchableMessage(
  doc: Y.Doc,
  messageId: string,
): SearchableMessage | undefined {
  const message = findMessage(doc, messageId);
  if (message === undefined) return undefined;
  let hasFork = false;
  forksMap(doc).forEach((entry) => {
    if (parentOf(entry) === messageId) hasFork = true;
  });
  return toSearchable(message, {
    pinned: isPinRecord(pinsMap(doc).get(messageId)),
    hasFork,
    threadTitle: findThread(doc, message.threadId)?.title ?? "",
  });
}

/** Every well-formed message of the document, deleted ones included, by (createdAt, id). */
export function listSearchableMessages(doc: Y.Doc): SearchableMessage[] {
  const snapshot = readSnapshot(doc);
  const list: SearchableMessage[] = [];
  for (const message of snapshot.messages.values()) {
    list.push(
      toSearchable(message, {
        pinned: snapshot.pins.has(message.id),
        hasFork: forksOf(snapshot, message) !== undefined,
        threadTitle: snapshot.threads.get(message.threadId)?.title ?? "",
      }),
    );
  }
  return list.sort(compareByStampThenId);
}
