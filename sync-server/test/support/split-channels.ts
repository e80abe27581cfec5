// Channels in the split layout (docs/history-split.md) for tests: a channel's document stored
// split before anyone opens it (what channel creation will do once the layout switches), and a
// thread started as a client starts one: its content made on a fresh thread replica, then the
// thread document opened and synced.
import {
  type Actor,
  type CreateThreadInput,
  createSplitThread,
  threadDocumentName,
} from "@openvibe/schema";
import * as Y from "yjs";
import { storeSplitChannelDocument } from "../../src/channels/channels.ts";
import type { RunningServer } from "../../src/server.ts";
import { SqliteDocumentStore } from "../../src/storage/sqlite-document-store.ts";
import type { OpenChannel, Peer } from "./peers.ts";

/** Stores `channelId`'s document split; call before anything opens the channel. */
export async function splitChannel(server: RunningServer, channelId: string): Promise<void> {
  const store = new SqliteDocumentStore(server.ctx.db, { synchronous: "normal" });
  try {
    storeSplitChannelDocument(store, channelId);
  } finally {
    await store.close();
  }
}

export interface StartedThread {
  threadId: string;
  messageId: string;
  /** The author's open thread document, acknowledged by the server. */
  thread: OpenChannel;
}

/** Starts a thread in its own thread document and waits until the server has stored it. */
export async function startThreadDocument(
  peer: Peer,
  channelId: string,
  author: Actor,
  input: CreateThreadInput,
): Promise<StartedThread> {
  const content = new Y.Doc();
  const created = createSplitThread(() => content, author, input);
  const thread = await peer.openDocument(threadDocumentName(channelId, created.threadId));
  Y.applyUpdate(thread.doc, Y.encodeStateAsUpdate(content));
  await thread.acknowledged();
  return { ...created, thread };
}
