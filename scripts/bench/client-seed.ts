// Seeding for the client benchmark: a split channel built offline with @openvibe/schema
// operations (channel-fixture.ts: each thread in its thread document, the channel document
// holding the index the server derives), written straight into the server's document store (with
// the thread index rows the server keeps) while the server is stopped, so the server loads it like
// any stored channel. Nothing large goes through a socket.
import { channelDocumentName, threadDocumentName, threadView } from "@openvibe/schema";
import * as Y from "yjs";
import { buildSplitChannel } from "./channel-fixture.ts";
import { appendToOpenVibeLog } from "./side-by-side/seeding.ts";

export interface SeededChannel {
  messages: number;
  threads: number;
  lastThreadId: string;
  /** Body of the newest message of the newest thread: what "latest messages on screen" waits for. */
  newestBody: string;
  /** Size of the stored Yjs states (every document of the channel). */
  stateBytes: number;
  buildMs: number;
}

/** The body of the last message of `threadId` (its thread document's state). */
function newestBodyOf(state: Uint8Array, threadId: string): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const newest = threadView(doc, threadId)?.messages.at(-1);
    if (newest === undefined) throw new Error(`the built thread ${threadId} has no message`);
    return newest.body;
  } finally {
    doc.destroy();
  }
}

/**
 * Builds a channel of `messages` messages for `channelId` and appends each of its documents'
 * state as one update to the document log in `dataDir`. The messages are by `authorId` (the
 * viewer: nothing is unread, so a thread opens at its newest message, as the benchmark expects). The server must not be running on `dataDir`: its
 * store keeps each document's last sequence number in memory.
 */
export async function seedChannel(
  dataDir: string,
  channelId: string,
  messages: number,
  seed: number,
  authorId: string,
  onProgress: (done: number) => void,
): Promise<SeededChannel> {
  const started = performance.now();
  const author = { kind: "human" as const, id: authorId };
  const fixture = buildSplitChannel(messages, seed, channelId, onProgress, author);
  const newest = fixture.threads.at(-1);
  if (newest === undefined) throw new Error("the built channel has no thread");
  const buildMs = performance.now() - started;
  await appendToOpenVibeLog(dataDir, [
    { document: channelDocumentName(channelId), updates: [fixture.channel] },
    ...fixture.threads.map((thread) => ({
      document: threadDocumentName(channelId, thread.threadId),
      updates: [thread.state],
    })),
  ]);
  return {
    messages,
    threads: fixture.threads.length,
    lastThreadId: newest.threadId,
    newestBody: newestBodyOf(newest.state, newest.threadId),
    stateBytes: fixture.threads.reduce(
      (sum, t) => sum + t.state.byteLength,
      fixture.channel.byteLength,
    ),
    buildMs,
  };
}
