// Which document holds an agent task's conversation (docs/history-split.md, step 8): the thread
// document `thread:<channelId>:<threadId>` when the channel is split, today's `channel:<id>`
// document when it is not. The server decides from its own copy of the channel document (its
// `meta`, written by the server only), never from what a bridge says; the bridge opens the one
// document its claimed task names, and the server's own work on a task (settling an orphaned
// reply, the read_thread tool) reads the same one. A fork lives in its thread's document, so a
// task in a fork names its thread's document too.
import type { Hocuspocus } from "@hocuspocus/server";
import {
  channelDocumentName,
  isNameableThreadId,
  readDocumentLayout,
  threadDocumentName,
} from "@openvibe/schema";
import * as Y from "yjs";
import type { DocumentStore } from "../storage/document-store.ts";
import { loadStoredDocument } from "../storage/load-stored-document.ts";

/** The two layouts a channel's document can have (a thread document's meta under a channel name is not one: taken as today's). */
export type ChannelLayout = "one-document" | "split-channel";

export function channelLayoutOf(channelDocument: Y.Doc): ChannelLayout {
  return readDocumentLayout(channelDocument) === "split-channel" ? "split-channel" : "one-document";
}

/**
 * The document holding thread `threadId` of a channel in `layout`; null for a split channel's
 * thread whose id cannot name a document (an imported id the split left unplaced: no document
 * holds it).
 */
export function threadContentDocumentName(
  layout: ChannelLayout,
  channelId: string,
  threadId: string,
): string | null {
  if (layout === "one-document") return channelDocumentName(channelId);
  return isNameableThreadId(threadId) ? threadDocumentName(channelId, threadId) : null;
}

/** How a task ends whose thread no document holds (`threadContentDocumentName` gave null). */
export const UNPLACED_THREAD_ERROR = "this thread was not carried into the channel's split layout";

/**
 * Channels each server found split. A channel never goes back to one document (only the server
 * writes `meta`, and the split is one way), so the answer is kept: a heartbeat of a task in a split
 * channel does not load the channel's document again, which the bridge does not hold.
 */
const knownSplit = new WeakMap<Hocuspocus, Set<string>>();

/**
 * The layout of the channel's document as the server's live copy says, loading it for the
 * question when it is not loaded: a split channel document is small (meta and the thread index),
 * and a one-document channel's is the one the task's bridge opens next, so the load is not wasted
 * (the connection leaves it warm for that).
 */
export async function liveChannelLayout(
  hocuspocus: Hocuspocus,
  channelId: string,
): Promise<ChannelLayout> {
  const split = knownSplit.get(hocuspocus) ?? new Set<string>();
  knownSplit.set(hocuspocus, split);
  if (split.has(channelId)) return "split-channel";
  const layout = await readLiveChannelLayout(hocuspocus, channelDocumentName(channelId));
  if (layout === "split-channel") split.add(channelId);
  return layout;
}

async function readLiveChannelLayout(hocuspocus: Hocuspocus, name: string) {
  const loaded = hocuspocus.documents.get(name);
  if (loaded !== undefined) return channelLayoutOf(loaded);
  const connection = await hocuspocus.openDirectConnection(name);
  try {
    if (connection.document === null) throw new Error(`${name} could not be loaded`);
    return channelLayoutOf(connection.document);
  } finally {
    await connection.disconnect({ unloadImmediately: false });
  }
}

/**
 * The stored document holding thread `threadId` of the channel: the channel's own when it is one
 * document, else (its stored copy says split) the thread's, empty when no thread document can
 * have that id. The caller destroys it.
 */
export function loadStoredThreadContent(
  store: Pick<DocumentStore, "load">,
  channelId: string,
  threadId: string,
): Y.Doc {
  const channel = loadStoredDocument(store, channelDocumentName(channelId));
  if (channelLayoutOf(channel) === "one-document") return channel;
  channel.destroy();
  if (!isNameableThreadId(threadId)) return new Y.Doc();
  return loadStoredDocument(store, threadDocumentName(channelId, threadId));
}
