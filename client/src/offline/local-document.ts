// The local copy of one document for one person: a LocalDocumentStore on the document's own
// databases (document-databases.ts), importing the y-indexeddb database of the previous client,
// reporting its size and use to the offline catalogue (held-documents.ts), and, for a channel
// document, setting aside an old copy made before the channel was split (old-copies.ts).
import type * as Y from "yjs";
import { documentDatabases } from "../sync/local-store/document-databases.ts";
import { LocalDocumentStore } from "../sync/local-store/local-document-store.ts";
import type { HeldDocuments } from "./held-documents.ts";

export interface LocalDocumentOptions {
  userId: string;
  documentName: string;
  doc: Y.Doc;
  held: HeldDocuments;
  /** Sees the stored rows first; true: they were kept elsewhere and must not load. */
  setAside?: (rows: readonly Uint8Array[]) => Promise<boolean>;
}

export function openLocalDocument(options: LocalDocumentOptions): LocalDocumentStore {
  const { userId, documentName, doc, held, setAside } = options;
  const databases = documentDatabases(userId, documentName);
  const store = new LocalDocumentStore(databases.log, doc, {
    legacyName: databases.legacy,
    onStored: (bytes) => held.stored(documentName, bytes),
    ...(setAside === undefined ? {} : { setAside }),
  });
  void store.loaded
    .then(() => held.opened(documentName))
    .catch((error: unknown) => reportError(error));
  return store;
}
