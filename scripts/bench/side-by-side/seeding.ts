// Channel content for the scenarios that need big channels, in the split layout (a thread's
// messages in its thread document, the channel document holding the server's index): built
// offline with @openvibe/schema (channel-fixture.ts), then either written straight into
// OpenVibe's document log while its server is stopped (as the client benchmark does), or uploaded
// over the socket to a stock server, which takes any update, under the same document names.

import { postMessage, threadDocumentName } from "@openvibe/schema";
import { openDatabase, SqliteDocumentStore } from "@openvibe/sync-server";
import * as Y from "yjs";
import { indexStoredThreads } from "../../../sync-server/src/threads/stored-thread-documents.ts";
import { ThreadIndexRows } from "../../../sync-server/src/threads/thread-index-rows.ts";
import {
  BENCH_ACTOR,
  buildSplitChannel,
  buildThreadDocument,
  createBenchEnv,
} from "../channel-fixture.ts";

export interface BuiltChannel {
  /** The whole document but its newest message. */
  state: Uint8Array;
  /** The newest message, as one update on top of `state`. */
  last: Uint8Array;
  /** State vector of `state`: a client that is one message behind. */
  stateVectorBefore: Uint8Array;
  bytes: number;
}

/** Posts the newest message into the thread document `state`: the parts of a BuiltChannel. */
function withLast(state: Uint8Array, threadId: string, seed: number, endMs: number): BuiltChannel {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const stateVectorBefore = Y.encodeStateVector(doc);
  let last: Uint8Array | null = null;
  doc.on("update", (update: Uint8Array) => {
    last = update;
  });
  const env = createBenchEnv(seed ^ 0xbeef, endMs);
  postMessage(doc, BENCH_ACTOR, { threadId, body: "the newest message" }, env);
  doc.destroy();
  if (last === null) throw new Error("postMessage wrote nothing");
  return { state, last, stateVectorBefore, bytes: state.byteLength };
}

/**
 * A busy thread: its thread document `thread:<channelId>:<threadId>` of `messages` messages (the
 * last one a separate update).
 */
export function buildThreadWithLast(
  messages: number,
  seed: number,
  channelId: string,
  threadId: string,
): BuiltChannel {
  const built = buildThreadDocument(Math.max(1, messages - 1), seed, channelId, threadId);
  return withLast(built.state, threadId, seed, built.endMs);
}

/** A split channel of `messages` messages over threads, as its documents are stored. */
export interface BuiltSplitChannel {
  /** The channel document (meta and the index), by name. */
  channel: { name: string; state: Uint8Array };
  /** The newest thread's document, whose newest message is a separate update. */
  newest: { name: string; threadId: string } & BuiltChannel;
  /** Every other thread's document. */
  others: { name: string; state: Uint8Array }[];
  /** Bytes of every document of the channel. */
  storedBytes: number;
}

/**
 * Builds a split channel of `messages` messages over threads of 40-60 messages (`onProgress`
 * every 10,000 messages built).
 */
export function buildSplitWithLast(
  messages: number,
  seed: number,
  channelId: string,
  channelName: string,
  onProgress: (done: number) => void = () => {},
): BuiltSplitChannel {
  const fixture = buildSplitChannel(Math.max(1, messages - 1), seed, channelId, onProgress);
  const threads = fixture.threads.map((t) => ({
    threadId: t.threadId,
    name: threadDocumentName(channelId, t.threadId),
    state: t.state,
  }));
  const newestThread = threads.pop();
  if (newestThread === undefined) throw new Error("no thread built");
  const newest = {
    name: newestThread.name,
    threadId: newestThread.threadId,
    ...withLast(newestThread.state, newestThread.threadId, seed, fixture.endMs),
  };
  const storedBytes =
    fixture.channel.byteLength +
    newest.bytes +
    newest.last.byteLength +
    threads.reduce((sum, t) => sum + t.state.byteLength, 0);
  return {
    channel: { name: channelName, state: fixture.channel },
    newest,
    others: threads.map(({ name, state }) => ({ name, state })),
    storedBytes,
  };
}

/**
 * A thread of `messages` messages in its own thread document of channel `channelId`, stored
 * without an index entry (the server derives one when it loads the thread, if the thread is in
 * the index's window): what opening one long thread costs.
 */
export function buildLongThread(
  messages: number,
  seed: number,
  channelId: string,
): { name: string; state: Uint8Array } {
  const threadId = createBenchEnv(seed ^ 0x1001, 0).newId();
  const { state } = buildThreadDocument(messages, seed ^ 0x1001, channelId, threadId);
  return { name: threadDocumentName(channelId, threadId), state };
}

/** Thread documents indexed per progress line. */
const INDEX_PROGRESS_EVERY = 2_000;

/**
 * Appends updates to OpenVibe's document log in `dataDir`, then writes the thread index rows of
 * the thread documents stored (server code, as `ovb reindex` does): a server that stored them
 * itself has those rows, while one that finds them missing at start derives them in the
 * background (`thread index caught up`), which would take the event loop from what is measured
 * (at 1M messages for minutes). Its server must be stopped.
 */
export async function appendToOpenVibeLog(
  dataDir: string,
  entries: readonly { document: string; updates: readonly Uint8Array[] }[],
  onProgress: (line: string) => void = () => {},
): Promise<void> {
  const db = openDatabase(dataDir, { synchronous: "normal" });
  const store = new SqliteDocumentStore(db, { synchronous: "normal" });
  try {
    for (const entry of entries)
      for (const update of entry.updates) store.append(entry.document, update);
    const rows = new ThreadIndexRows(db.$client);
    const documents = rows.unindexedDocuments();
    for (let from = 0; from < documents.length; from += INDEX_PROGRESS_EVERY) {
      const slice = documents.slice(from, from + INDEX_PROGRESS_EVERY);
      await indexStoredThreads({ rows, store, documents: slice });
      onProgress(`indexed ${from + slice.length} of ${documents.length} thread documents`);
    }
  } finally {
    await store.close();
    db.$client.close();
  }
}
