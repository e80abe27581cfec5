// The decoded document, kept per Y.Doc and updated from each transaction's changed entries, so a
// change costs O(changed entries) plus, on the next read, re-sorting the threads it touched:
// never a decode of the whole document. Every entry is re-decoded from the document when it or
// anything inside it changed, so the index always equals a fresh decode.
import type * as Y from "yjs";
import { forEachChangedEntry, type TransactionIndex } from "../changed-entries.ts";
import { forksMap, messagesMap, pinsMap, reactionsMap, threadsMap } from "../layout.ts";
import type { Decoder } from "../records/decode.ts";
import { decodeFork, type ForkRecord } from "../records/fork.ts";
import { decodeMessage, type MessageRecord } from "../records/message.ts";
import { isPinRecord, type PinRecord } from "../records/pin.ts";
import { isReactionValue, parseReactionKey } from "../records/reaction.ts";
import { decodeThread, type ThreadRecord } from "../records/thread.ts";
import type { ChannelSnapshot } from "./snapshot.ts";
import { buildThreadLines, NO_LINES, type ThreadLines } from "./thread-lines.ts";

type Refresh = (key: string) => void;

interface ThreadMembers {
  readonly messages: Set<string>;
  readonly forks: Set<string>;
}

/** Entries of one kind that belong to a thread (messages, forks), decoded and grouped by it. */
class GroupedEntries<T extends { threadId: string }> {
  readonly byId = new Map<string, T>();
  private readonly decode: Decoder<T>;
  private readonly members: (threadId: string) => Set<string>;
  private readonly touched: (threadId: string) => void;

  constructor(
    decode: Decoder<T>,
    members: (threadId: string) => Set<string>,
    touched: (threadId: string) => void,
  ) {
    this.decode = decode;
    this.members = members;
    this.touched = touched;
  }

  refresh(key: string, entry: unknown): void {
    const before = this.byId.get(key);
    if (before !== undefined) {
      this.byId.delete(key);
      this.members(before.threadId).delete(key);
      this.touched(before.threadId);
    }
    const after = this.decode(key, entry);
    if (!after.ok) return;
    this.byId.set(key, after.value);
    this.members(after.value.threadId).add(key);
    this.touched(after.value.threadId);
  }
}

export class SnapshotIndex implements ChannelSnapshot, TransactionIndex {
  readonly threads = new Map<string, ThreadRecord>();
  /** messageId -> emoji -> actor ids. */
  readonly reactions = new Map<string, Map<string, Set<string>>>();
  readonly pins = new Map<string, PinRecord>();
  private readonly members = new Map<string, ThreadMembers>();
  private readonly lineCache = new Map<string, ThreadLines>();
  private readonly forkEntries: GroupedEntries<ForkRecord>;
  private readonly messageEntries: GroupedEntries<MessageRecord>;
  private readonly roots: ReadonlyMap<unknown, Refresh>;

  constructor(doc: Y.Doc) {
    const touched = (threadId: string) => this.lineCache.delete(threadId);
    this.forkEntries = new GroupedEntries(decodeFork, (t) => this.membersOf(t).forks, touched);
    this.messageEntries = new GroupedEntries(
      decodeMessage,
      (t) => this.membersOf(t).messages,
      touched,
    );
    const threads = threadsMap(doc);
    const forks = forksMap(doc);
    const messages = messagesMap(doc);
    const reactions = reactionsMap(doc);
    const pins = pinsMap(doc);
    this.roots = new Map<unknown, Refresh>([
      [threads, (key) => this.refreshThread(key, threads.get(key))],
      [forks, (key) => this.forkEntries.refresh(key, forks.get(key))],
      [messages, (key) => this.messageEntries.refresh(key, messages.get(key))],
      [reactions, (key) => this.refreshReaction(key, reactions.get(key))],
      [pins, (key) => this.refreshPin(key, pins.get(key))],
    ]);
    for (const [root, refresh] of this.roots) {
      for (const key of (root as Y.Map<unknown>).keys()) refresh(key);
    }
  }

  get forks(): ReadonlyMap<string, ForkRecord> {
    return this.forkEntries.byId;
  }

  get messages(): ReadonlyMap<string, MessageRecord> {
    return this.messageEntries.byId;
  }

  lines(threadId: string): ThreadLines {
    const cached = this.lineCache.get(threadId);
    if (cached !== undefined) return cached;
    const members = this.members.get(threadId);
    if (members === undefined) return NO_LINES;
    const lines = buildThreadLines(
      [...members.messages].map((id) => this.messageEntries.byId.get(id) as MessageRecord),
      [...members.forks].map((id) => this.forkEntries.byId.get(id) as ForkRecord),
      this.forks,
      this.messages,
    );
    this.lineCache.set(threadId, lines);
    return lines;
  }

  apply(changed: Y.Transaction["changed"]): void {
    forEachChangedEntry(
      changed,
      (type) => this.roots.get(type),
      (refresh, key) => refresh(key),
    );
  }

  private membersOf(threadId: string): ThreadMembers {
    let members = this.members.get(threadId);
    if (members === undefined) {
      members = { messages: new Set(), forks: new Set() };
      this.members.set(threadId, members);
    }
    return members;
  }

  private refreshThread(key: string, entry: unknown): void {
    const decoded = decodeThread(key, entry);
    if (decoded.ok) this.threads.set(key, decoded.value);
    else this.threads.delete(key);
  }

  private refreshPin(key: string, value: unknown): void {
    if (isPinRecord(value)) this.pins.set(key, value);
    else this.pins.delete(key);
  }

  private refreshReaction(key: string, value: unknown): void {
    const reaction = parseReactionKey(key);
    if (reaction === undefined) return;
    const byEmoji = this.reactions.get(reaction.messageId) ?? new Map<string, Set<string>>();
    const actors = byEmoji.get(reaction.emoji) ?? new Set<string>();
    if (isReactionValue(value)) actors.add(reaction.actorId);
    else actors.delete(reaction.actorId);
    if (actors.size > 0) byEmoji.set(reaction.emoji, actors);
    else byEmoji.delete(reaction.emoji);
    if (byEmoji.size > 0) this.reactions.set(reaction.messageId, byEmoji);
    else this.reactions.delete(reaction.messageId);
  }
}
