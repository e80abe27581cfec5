// The latest stamp of each thread of a document, kept per Y.Doc so a change in a thread costs
// O(changed entries) instead of a scan of every fork and message. Built by one scan on first
// use, then updated from each transaction's `changed` set: before observers run (so an observer
// writing into the document already sees the transaction), and on reads inside a transaction.
// An entry is re-read from the document whenever it or anything inside it changed, so the
// index always equals a fresh scan, whatever order remote updates arrive in.
import type * as Y from "yjs";
import { forEachChangedEntry, indexInStep } from "../changed-entries.ts";
import { maxStamp, type Stamp } from "../clock.ts";
import { forksMap, messagesMap, threadsMap } from "../layout.ts";

/** What one top-level entry (thread, fork or message) adds to its thread. */
export interface EntryStamp {
  threadId: string;
  stamp: Stamp | undefined;
}

export type EntryReader = (key: string, value: unknown) => EntryStamp | undefined;

interface ThreadStamps {
  members: Set<EntryStamp>;
  latest: Stamp | undefined;
  /** An entry holding `latest` changed or left: recompute from the members. */
  stale: boolean;
}

interface RootIndex {
  map: Y.Map<unknown>;
  read: EntryReader;
  entries: Map<string, EntryStamp>;
}

export interface EntryReaders {
  thread: EntryReader;
  fork: EntryReader;
  message: EntryReader;
}

class ThreadStampIndex {
  private readonly roots: RootIndex[];
  private readonly rootOf = (type: unknown) => this.roots.find((root) => root.map === type);
  private readonly threads = new Map<string, ThreadStamps>();

  constructor(doc: Y.Doc, readers: EntryReaders) {
    this.roots = [
      { map: threadsMap(doc), read: readers.thread, entries: new Map() },
      { map: forksMap(doc), read: readers.fork, entries: new Map() },
      { map: messagesMap(doc), read: readers.message, entries: new Map() },
    ];
    for (const root of this.roots) {
      for (const key of root.map.keys()) this.refresh(root, key);
    }
  }

  latest(threadId: string): Stamp | undefined {
    const thread = this.threads.get(threadId);
    if (thread === undefined) return undefined;
    if (thread.stale) {
      thread.latest = undefined;
      for (const member of thread.members) thread.latest = maxStamp(thread.latest, member.stamp);
      thread.stale = false;
    }
    return thread.latest;
  }

  /** Re-reads every entry a transaction touched (directly or anywhere inside it). */
  apply(changed: Y.Transaction["changed"]): void {
    forEachChangedEntry(changed, this.rootOf, (root, key) => this.refresh(root, key));
  }

  private refresh(root: RootIndex, key: string): void {
    const before = root.entries.get(key);
    if (before !== undefined) {
      root.entries.delete(key);
      const thread = this.threads.get(before.threadId);
      thread?.members.delete(before);
      if (thread !== undefined && before.stamp !== undefined && before.stamp === thread.latest) {
        thread.stale = true;
      }
    }
    const after = root.read(key, root.map.get(key));
    if (after === undefined) return;
    root.entries.set(key, after);
    let thread = this.threads.get(after.threadId);
    if (thread === undefined) {
      thread = { members: new Set(), latest: undefined, stale: false };
      this.threads.set(after.threadId, thread);
    }
    thread.members.add(after);
    if (!thread.stale) thread.latest = maxStamp(thread.latest, after.stamp);
  }
}

const indexes = new WeakMap<Y.Doc, ThreadStampIndex>();

/** The document's index, built on first use and kept in step with every transaction after. */
export function threadStampIndex(doc: Y.Doc, readers: EntryReaders): ThreadStampIndex {
  return indexInStep(indexes, doc, () => new ThreadStampIndex(doc, readers));
}
