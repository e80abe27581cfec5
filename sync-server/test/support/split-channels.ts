// Threads of split channels (docs/history-split.md) for tests: a thread started as a client starts
// one, its content made on a fresh thread replica, then the thread document opened and synced.
import {
  type Actor,
  type CreateThreadInput,
  createSplitThread,
  threadDocumentName,
} from "@openvibe/schema";
import * as Y from "yjs";
import type { OpenChannel, Peer } from "./peers.ts";

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

/**
 * Writes `update` into an open thread document (the write that creates a new thread): resolves
 * "stored" once the server acknowledged it, or with the reason the server closed the document's
 * connection with instead (the thread refused: `channel-full`, `too-many-new-threads;wait-ms=…`).
 */
export function firstWrite(channel: OpenChannel, update: Uint8Array): Promise<string> {
  const closed = channel.closed.then((event) => event.reason);
  Y.applyUpdate(channel.doc, update);
  const acknowledged = channel.acknowledged().then(
    () => "stored",
    () => closed,
  );
  return Promise.race([acknowledged, closed]);
}
