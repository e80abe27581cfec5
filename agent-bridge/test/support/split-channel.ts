// Split channels in agent tests (docs/history-split.md): the server's own copy of a channel
// document marked split (as the server's set-up does for new channels), a channel stored in the
// layout before the split (as an older server left it), and threads started as a client starts
// them in a split channel, in their own thread document.
import {
  channelDocumentName,
  createSplitThread,
  initChannel,
  SPLIT_LAYOUT,
  threadDocumentName,
} from "@openvibe/schema";
import * as Y from "yjs";
import type { RunningServer } from "../../../sync-server/src/server.ts";
import { SqliteDocumentStore } from "../../../sync-server/src/storage/sqlite-document-store.ts";
import type { OpenChannel } from "../../../sync-server/test/support/peers.ts";
import type { Human } from "./humans.ts";

/** Marks the server's copy of the channel's document split: its threads live in thread documents. */
export async function splitChannel(server: RunningServer, channelId: string): Promise<void> {
  const direct = await server.hocuspocus.openDirectConnection(channelDocumentName(channelId));
  await direct.transact((doc) => doc.getMap("meta").set("layout", SPLIT_LAYOUT));
  await direct.disconnect();
}

/**
 * Stores the channel's document in the one-document layout (its threads inside it), as a server
 * before the split left it, before the server first loads it: the server then keeps it as it is
 * (it creates only an empty channel document split).
 */
export function storeOneDocumentChannel(server: RunningServer, channelId: string): void {
  const name = channelDocumentName(channelId);
  const store = new SqliteDocumentStore(server.ctx.db, { synchronous: "full" });
  if (server.hocuspocus.documents.has(name) || store.load(name) !== null) {
    throw new Error(`${name} exists already: store the channel before anyone opens it`);
  }
  const doc = new Y.Doc();
  initChannel(doc, channelId);
  store.append(name, Y.encodeStateAsUpdate(doc));
  doc.destroy();
}

export interface DraftThread {
  threadId: string;
  messageId: string;
  /** The thread document's content, not yet sent. */
  content: Y.Doc;
}

/** A new thread whose first message is `body` (mentions included), made offline. */
export function draftThread(human: Human, body: string, title = "Question"): DraftThread {
  const content = new Y.Doc();
  const created = createSplitThread(() => content, human.actor, { title, body });
  return { ...created, content };
}

/** Sends a drafted thread's document; resolves with the replica once the server holds it. */
export async function publishThread(
  human: Human,
  channelId: string,
  draft: DraftThread,
): Promise<OpenChannel> {
  const thread = await human.peer.openDocument(threadDocumentName(channelId, draft.threadId));
  Y.applyUpdate(thread.doc, Y.encodeStateAsUpdate(draft.content));
  await thread.acknowledged();
  return thread;
}

/** Starts a thread in its own thread document, as a client does, once the server holds it. */
export async function startSplitThread(
  human: Human,
  channelId: string,
  body: string,
  title?: string,
) {
  const draft = draftThread(human, body, title);
  return { ...draft, thread: await publishThread(human, channelId, draft) };
}
