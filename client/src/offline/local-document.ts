// The local copy of one document for one person: a LocalDocumentStore on the document's own
// databases (sync/local-copy-names.ts), reporting its size and use to the offline catalogue
// (held-documents.ts); a channel document imports the y-indexeddb database of the client before
// this store, and has an old copy made before the channel was split set aside (old-copies.ts),
// at its first load on this device (local-copy-names.ts, `upgraded`). The document on screen
// when the page is hidden is kept as a snapshot for the next warm open (screen-snapshots.ts),
// applied as the copy opens, before its log is read.
import type { ParsedDocumentName } from "@openvibe/schema";
import type * as Y from "yjs";
import { markBoot } from "../boot-marks.ts";
import { localDatabase } from "../local/database.ts";
import { isOnScreenNow } from "../sync/documents-on-screen.ts";
import { localCopyNames } from "../sync/local-copy-names.ts";
import { LocalDocumentStore } from "../sync/local-store/local-document-store.ts";
import { storedCount } from "../sync/pending-changes.ts";
import { KeptCopies } from "../sync/refused/kept-copies.ts";
import { applySnapshot, saveSnapshot } from "../sync/screen-snapshots.ts";
import { HeldDocuments } from "./held-documents.ts";
import { setAsideOldCopy } from "./old-copies.ts";

export interface LocalDocumentOptions {
  userId: string;
  document: ParsedDocumentName;
  documentName: string;
  doc: Y.Doc;
  held: HeldDocuments;
  copies: KeptCopies;
}

export function openLocalDocument(options: LocalDocumentOptions): LocalDocumentStore {
  const { userId, document, documentName, doc, held, copies } = options;
  const names = localCopyNames(userId, documentName);
  // Checked once per copy: each check costs a database open, or applying the copy twice.
  const upgrade = document.kind === "channel" && localStorage.getItem(names.upgraded) === null;
  const channelOnly = upgrade
    ? {
        legacyName: names.legacy,
        setAside: (rows: readonly Uint8Array[]) =>
          setAsideOldCopy(rows, {
            channelId: document.channelId,
            copies,
            unsynced: storedCount(names.unsynced),
          }),
      }
    : {};
  // Before the store follows the document: what a snapshot holds, the log holds already.
  const fromSnapshot = applySnapshot(userId, documentName, doc);
  if (fromSnapshot) markBoot("snapshot-applied");
  let changedSinceSnapshot = !fromSnapshot;
  doc.on("update", () => {
    changedSinceSnapshot = true;
  });
  const store = new LocalDocumentStore(names.updates, doc, {
    onStored: (bytes) => held.stored(documentName, bytes),
    // Saved again only if the document changed since (a reload of an unchanged thread writes nothing).
    onHiddenAllWritten: () => {
      if (!changedSinceSnapshot || !isOnScreenNow(documentName)) return;
      saveSnapshot(userId, documentName, doc);
      changedSinceSnapshot = false;
    },
    ...channelOnly,
  });
  void store.loaded
    .then(() => {
      if (upgrade) localStorage.setItem(names.upgraded, "1");
      return held.opened(documentName);
    })
    .catch((error: unknown) => reportError(error));
  return store;
}

const heldByUser = new Map<string, HeldDocuments>();

/** The person's catalogue of thread documents held on this device (one per page). */
export function heldDocumentsOf(userId: string): HeldDocuments {
  let held = heldByUser.get(userId);
  if (held === undefined) {
    held = new HeldDocuments(localDatabase, userId);
    heldByUser.set(userId, held);
  }
  return held;
}

/** A replica's local copy: the person's catalogue and kept copies on this page's databases. */
export function openPersonsDocument(
  userId: string,
  document: ParsedDocumentName,
  documentName: string,
  doc: Y.Doc,
): LocalDocumentStore {
  return openLocalDocument({
    userId,
    document,
    documentName,
    doc,
    held: heldDocumentsOf(userId),
    copies: new KeptCopies(localDatabase, userId),
  });
}
