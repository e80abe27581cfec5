// Seeding for the client benchmark: a channel built offline with @openvibe/schema operations
// (channel-fixture.ts), written straight into the server's document store while the server is
// stopped, so the server loads it like any stored channel. Nothing large goes through a socket.
import { channelDocumentName, threadView } from "@openvibe/schema";
import { openDatabase, SqliteDocumentStore } from "@openvibe/sync-server";
import * as Y from "yjs";
import { buildChannel } from "./channel-fixture.ts";

export interface SeededChannel {
  messages: number;
  threads: number;
  lastThreadId: string;
  /** Body of the newest message of the newest thread: what "latest messages on screen" waits for. */
  newestBody: string;
  /** Size of the stored Yjs state. */
  stateBytes: number;
  buildMs: number;
}

/** The body of the last message of `threadId`, read through the schema's read model. */
function newestBodyOf(state: Uint8Array, threadId: string): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const newest = threadView(doc, threadId)?.messages.at(-1);
    if (newest === undefined) throw new Error(`the built channel has no thread ${threadId}`);
    return newest.body;
  } finally {
    doc.destroy();
  }
}

/**
 * Builds a channel of `messages` messages for `channelId` and appends its whole state as one
 * update to the document log in `dataDir`. The server must not be running on `dataDir`: its
 * store keeps each document's last sequence number in memory.
 */
export async function seedChannel(
  dataDir: string,
  channelId: string,
  messages: number,
  seed: number,
  onProgress: (done: number) => void,
): Promise<SeededChannel> {
  const started = performance.now();
  const fixture = buildChannel(messages, seed, onProgress, channelId);
  const buildMs = performance.now() - started;
  const db = openDatabase(dataDir, { synchronous: "normal" });
  const store = new SqliteDocumentStore(db, { synchronous: "normal" });
  try {
    store.append(channelDocumentName(channelId), fixture.state);
  } finally {
    await store.close();
    db.$client.close();
  }
  return {
    messages,
    threads: fixture.threads,
    lastThreadId: fixture.lastThreadId,
    newestBody: newestBodyOf(fixture.state, fixture.lastThreadId),
    stateBytes: fixture.state.byteLength,
    buildMs,
  };
}
