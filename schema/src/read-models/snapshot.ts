import type * as Y from "yjs";
import { compareByStampThenId } from "../clock.ts";
import { forksMap, messagesMap, pinsMap, reactionsMap, threadsMap } from "../layout.ts";
import type { Decoder } from "../records/decode.ts";
import { decodeFork, type ForkRecord } from "../records/fork.ts";
import { decodeMessage, type MessageRecord } from "../records/message.ts";
import { isPinRecord, type PinRecord } from "../records/pin.ts";
import { isReactionValue, parseReactionKey } from "../records/reaction.ts";
import { decodeThread, type ThreadRecord } from "../records/thread.ts";

/**
 * Every well-formed entity of a channel document, decoded once and indexed for the views.
 * Malformed entries are skipped, never thrown on.
 */
export interface ChannelSnapshot {
  readonly threads: ReadonlyMap<string, ThreadRecord>;
  readonly forks: ReadonlyMap<string, ForkRecord>;
  readonly messages: ReadonlyMap<string, MessageRecord>;
  /** messageId -> emoji -> actor ids. */
  readonly reactions: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  readonly pins: ReadonlyMap<string, PinRecord>;
  /** threadId -> main-line messages by (createdAt, id). */
  readonly mainLines: ReadonlyMap<string, readonly MessageRecord[]>;
  /** forkId -> the fork's messages by (createdAt, id). */
  readonly forkLines: ReadonlyMap<string, readonly MessageRecord[]>;
  /** messageId -> forks branched from it by (createdAt, id). */
  readonly forksByParent: ReadonlyMap<string, readonly ForkRecord[]>;
}

function decodeAll<T>(map: Y.Map<unknown>, decode: Decoder<T>): Map<string, T> {
  const decoded = new Map<string, T>();
  map.forEach((entry, key) => {
    const result = decode(key, entry);
    if (result.ok) decoded.set(key, result.value);
  });
  return decoded;
}

function push<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [value]);
  else list.push(value);
}

function sortEach<K, V extends { createdAt: string; id: string }>(index: Map<K, V[]>): Map<K, V[]> {
  for (const list of index.values()) list.sort(compareByStampThenId);
  return index;
}

function readReactions(doc: Y.Doc): Map<string, Map<string, string[]>> {
  const byMessage = new Map<string, Map<string, string[]>>();
  reactionsMap(doc).forEach((value, key) => {
    const reaction = parseReactionKey(key);
    if (reaction === undefined || !isReactionValue(value)) return;
    const byEmoji = byMessage.get(reaction.messageId) ?? new Map<string, string[]>();
    byMessage.set(reaction.messageId, byEmoji);
    push(byEmoji, reaction.emoji, reaction.actorId);
  });
  return byMessage;
}

function readPins(doc: Y.Doc): Map<string, PinRecord> {
  const pins = new Map<string, PinRecord>();
  pinsMap(doc).forEach((value, key) => {
    if (isPinRecord(value)) pins.set(key, value);
  });
  return pins;
}

const cachedSnapshots = new WeakMap<Y.Doc, ChannelSnapshot>();
const watchedDocs = new WeakSet<Y.Doc>();

/** Forgets a document's cached snapshot whenever a transaction starts or its observers run. */
function watch(doc: Y.Doc): void {
  if (watchedDocs.has(doc)) return;
  watchedDocs.add(doc);
  const forget = () => cachedSnapshots.delete(doc);
  doc.on("beforeTransaction", forget);
  doc.on("beforeObserverCalls", forget);
}

/**
 * The decoded document. Decoding is O(document), so the result is cached until the next
 * transaction: many reads between two changes (a render, a server handling every message of
 * one large update) decode once. Reads inside a transaction are never cached.
 */
export function readSnapshot(doc: Y.Doc): ChannelSnapshot {
  const cached = cachedSnapshots.get(doc);
  if (cached !== undefined) return cached;
  watch(doc);
  const snapshot = decodeSnapshot(doc);
  if (doc._transaction === null) cachedSnapshots.set(doc, snapshot);
  return snapshot;
}

function decodeSnapshot(doc: Y.Doc): ChannelSnapshot {
  const threads = decodeAll(threadsMap(doc), decodeThread);
  const forks = decodeAll(forksMap(doc), decodeFork);
  const messages = decodeAll(messagesMap(doc), decodeMessage);

  const mainLines = new Map<string, MessageRecord[]>();
  const forkLines = new Map<string, MessageRecord[]>();
  for (const message of messages.values()) {
    if (message.forkId === null) push(mainLines, message.threadId, message);
    else if (forks.get(message.forkId)?.threadId === message.threadId) {
      push(forkLines, message.forkId, message);
    }
  }
  const forksByParent = new Map<string, ForkRecord[]>();
  for (const fork of forks.values()) {
    const parent = messages.get(fork.parentMessageId);
    if (parent?.forkId === null && parent.threadId === fork.threadId) {
      push(forksByParent, fork.parentMessageId, fork);
    }
  }
  return {
    threads,
    forks,
    messages,
    reactions: readReactions(doc),
    pins: readPins(doc),
    mainLines: sortEach(mainLines),
    forkLines: sortEach(forkLines),
    forksByParent: sortEach(forksByParent),
  };
}
