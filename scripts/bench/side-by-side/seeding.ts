// Channel content for the scenarios that need big channels: built offline with @openvibe/schema
// (channel-fixture.ts), then either written straight into OpenVibe's document log while its
// server is stopped (as the client benchmark does), or uploaded over the socket to a stock
// server, which takes any update.

import { postMessage } from "@openvibe/schema";
import { openDatabase, SqliteDocumentStore } from "@openvibe/sync-server";
import * as Y from "yjs";
import { BENCH_ACTOR, buildChannel, createBenchEnv } from "../channel-fixture.ts";

export interface BuiltChannel {
  /** The whole channel but its newest message. */
  state: Uint8Array;
  /** The newest message, as one update on top of `state`. */
  last: Uint8Array;
  /** State vector of `state`: a client that is one message behind. */
  stateVectorBefore: Uint8Array;
  bytes: number;
}

/** Builds a channel of `messages` messages (the last one a separate update). */
export function buildWithLast(messages: number, seed: number, channelId: string): BuiltChannel {
  const fixture = buildChannel(Math.max(1, messages - 1), seed, () => {}, channelId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fixture.state);
  const stateVectorBefore = Y.encodeStateVector(doc);
  let last: Uint8Array | null = null;
  doc.on("update", (update: Uint8Array) => {
    last = update;
  });
  const env = createBenchEnv(seed ^ 0xbeef, fixture.endMs);
  postMessage(
    doc,
    BENCH_ACTOR,
    { threadId: fixture.lastThreadId, body: "the newest message" },
    env,
  );
  doc.destroy();
  if (last === null) throw new Error("postMessage wrote nothing");
  return { state: fixture.state, last, stateVectorBefore, bytes: fixture.state.byteLength };
}

/** Appends updates to OpenVibe's document log in `dataDir`; its server must be stopped. */
export async function appendToOpenVibeLog(
  dataDir: string,
  entries: readonly { document: string; updates: readonly Uint8Array[] }[],
): Promise<void> {
  const db = openDatabase(dataDir, { synchronous: "normal" });
  const store = new SqliteDocumentStore(db, { synchronous: "normal" });
  try {
    for (const entry of entries)
      for (const update of entry.updates) store.append(entry.document, update);
  } finally {
    await store.close();
    db.$client.close();
  }
}
