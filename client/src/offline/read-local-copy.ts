// Reads a document's local copy on this device into a Y.Doc of its own, without opening a replica:
// nothing syncs, and the read is not a use (the catalogue's last use, which eviction goes by, is
// left as it was). For showing what a held thread says without opening it (search results:
// search/held-copies.ts). The store holds the log's lock shared while it reads, so eviction waits.
import * as Y from "yjs";
import { localCopyNames } from "../sync/local-copy-names.ts";
import { LocalDocumentStore } from "../sync/local-store/local-document-store.ts";

export async function readLocalCopy(userId: string, documentName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const store = new LocalDocumentStore(localCopyNames(userId, documentName).updates, doc);
  try {
    await store.loaded;
  } finally {
    await store.destroy();
  }
  return doc;
}
