// A search projection's parts for tests that drive it directly: a posted message as the
// projection reads it, a batch holding it, a count of hits for a word, and an index that tells
// after each write attempt whether it wrote.
import {
  createThread,
  readMentionFacts,
  readSearchableMessage,
  type SearchableMessage,
} from "@openvibe/schema";
import * as Y from "yjs";
import type { ChannelMessageBatch } from "../../src/collaboration/message-projections.ts";
import { phraseExpression } from "../../src/search/fts-query.ts";
import { type IndexRow, onlyChannels, SearchIndex } from "../../src/search/search-index.ts";

export const CHANNEL = "01JCHANNEL0000000000000000";

export function postedMessage(body: string): { id: string; message: SearchableMessage } {
  const doc = new Y.Doc();
  const { messageId } = createThread(
    doc,
    { kind: "human", id: "01JAUTHOR00000000000000000" },
    {
      title: "deploys",
      body,
    },
  );
  const message = readSearchableMessage(doc, messageId);
  if (message === undefined) throw new Error("the posted message does not read back");
  return { id: messageId, message };
}

export function batchOf(id: string, message: SearchableMessage): ChannelMessageBatch {
  return {
    channelId: CHANNEL,
    document: new Y.Doc(),
    changed: [id],
    added: new Map(),
    mentionsChanged: new Map(),
    message: (wanted) => (wanted === id ? message : undefined),
    mentionFacts: (wanted) => readMentionFacts(new Y.Doc(), wanted),
  };
}

export function hits(index: SearchIndex, word: string): number {
  const phrase = { words: [word], prefix: false };
  return index.rank(
    { expression: phraseExpression(phrase), phrases: [phrase] },
    onlyChannels([CHANNEL]),
    { maxRowId: Number.MAX_SAFE_INTEGER, cap: 100, nowMs: Date.now(), offset: 0, limit: 10 },
  ).length;
}

/** A SearchIndex that tells after each write attempt whether it wrote. */
export class WatchedIndex extends SearchIndex {
  readonly attempts: boolean[] = [];
  private listeners = new Set<() => void>();

  override tryWrite(
    rows: readonly IndexRow[],
    removed: readonly string[] = [],
    waitMs = 0,
    completeBefore?: number,
  ): boolean {
    const wrote = super.tryWrite(rows, removed, waitMs, completeBefore);
    this.attempts.push(wrote);
    for (const listener of this.listeners) listener();
    return wrote;
  }

  onAttempt(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
