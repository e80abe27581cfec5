// The pinned messages of a task's channel, as its claim carries them to the bridge: a bridge opens
// only the task's document, and in a split channel the pins live in every thread's document. The
// channel document's thread index says which threads hold pins (every thread with pins stays in
// its window); each such thread's own document decides what is pinned and what the message says.
import type { Hocuspocus } from "@hocuspocus/server";
import {
  CHANNEL_PINS_FOR_AGENTS,
  type ChannelPin,
  channelDocumentName,
  comparePins,
  isNameableThreadId,
  listPinned,
  messageVersion,
  type PinnedMessage,
  readThreadDigests,
  threadDocumentName,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { DocumentStore } from "../storage/document-store.ts";
import { loadStoredDocument } from "../storage/load-stored-document.ts";
import { channelLayoutOf } from "./task-document.ts";

/** Reads a document for a moment: `read` gets it, and whatever was opened for it is let go. */
export type DocumentReader = <T>(documentName: string, read: (doc: Y.Doc) => T) => Promise<T>;

/** The newest `CHANNEL_PINS_FOR_AGENTS` pins of the channel, oldest pin first. */
export async function channelPins(readDocument: DocumentReader, channelId: string) {
  const pins = await readDocument(channelDocumentName(channelId), async (channelDoc) => {
    if (channelLayoutOf(channelDoc) === "one-document") return listPinned(channelDoc);
    const pinnedThreads = [...readThreadDigests(channelDoc)]
      .filter(([threadId, digest]) => digest.pinned.length > 0 && isNameableThreadId(threadId))
      .map(([threadId]) => threadId);
    const perThread = await Promise.all(
      pinnedThreads.map((threadId) =>
        readDocument(threadDocumentName(channelId, threadId), listPinned),
      ),
    );
    return perThread.flat();
  });
  return pins.sort(comparePins).slice(-CHANNEL_PINS_FOR_AGENTS).map(channelPin);
}

function channelPin({ message }: PinnedMessage): ChannelPin {
  return {
    messageId: message.id,
    threadId: message.threadId,
    authorId: message.author.id,
    text: message.body,
    version: messageVersion(message),
  };
}

/** Reads the stored copy of a document. */
export function storedDocumentReader(store: Pick<DocumentStore, "load">): DocumentReader {
  return async (documentName, read) => {
    const doc = loadStoredDocument(store, documentName);
    try {
      return await read(doc);
    } finally {
      doc.destroy();
    }
  };
}

/** Reads the server's live copy of a document when it is loaded, else its stored copy. */
export function liveDocumentReader(
  hocuspocus: Hocuspocus,
  store: Pick<DocumentStore, "load">,
): DocumentReader {
  const stored = storedDocumentReader(store);
  return async (documentName, read) => {
    const loaded = hocuspocus.documents.get(documentName);
    return loaded === undefined ? stored(documentName, read) : read(loaded);
  };
}
