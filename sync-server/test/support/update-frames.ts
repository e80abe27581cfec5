// Document updates as tests feed them to what sends frames: one update per message a writer
// appends, and an update framed as Hocuspocus broadcasts it to a document's sockets.
import { OutgoingMessage } from "@hocuspocus/server";
import * as Y from "yjs";

/** The updates of a writer (Yjs client `clientID`) appending each text to "messages", one each. */
export function messageUpdates(texts: readonly string[], clientID = 1): Uint8Array[] {
  const writer = new Y.Doc();
  writer.clientID = clientID;
  const updates: Uint8Array[] = [];
  writer.on("update", (update: Uint8Array) => updates.push(update));
  for (const text of texts) writer.getArray<string>("messages").push([text]);
  return updates;
}

/** `update` as Hocuspocus broadcasts it: a Sync message of sync type update, to `address`. */
export function updateBroadcastFrame(address: string, update: Uint8Array): Uint8Array {
  return new OutgoingMessage(address).createSyncMessage().writeUpdate(update).toUint8Array();
}
