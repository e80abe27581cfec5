// The local copies of the documents a page opens on (the thread or channel its address names),
// opened by the page's first script (../start-early.ts) rather than once the session has been
// read from IndexedDB and the shell has rendered: on a warm open their databases open and read
// while the rest of the page starts, not after it. A document's snapshot (screen-snapshots.ts),
// if it has one, is applied as its copy opens: the first render shows it, and the log's load adds
// the rest. The replica that opens the same document for
// the same person takes its copy (document-replica.ts); copies nobody took (someone else is
// signed in, the address changed) are closed once the first screen is up.
import { buildDocumentName, type ParsedDocumentName } from "@openvibe/schema";
import * as Y from "yjs";
import { openPersonsDocument } from "../offline/local-document.ts";
import { afterFirstScreen } from "../ui/first-screen.ts";
import type { LocalDocumentStore } from "./local-store/local-document-store.ts";

/** A document and its local copy, opened before any replica asked for them. */
export interface EarlyCopy {
  readonly doc: Y.Doc;
  readonly store: LocalDocumentStore;
}

const copies = new Map<string, EarlyCopy>();

function copyKey(userId: string, documentName: string): string {
  return `${userId}\n${documentName}`;
}

/** Opens the local copies of `documents` for `userId`, if they are not open early already. */
export function openEarlyCopies(userId: string, documents: readonly ParsedDocumentName[]): void {
  for (const document of documents) {
    const documentName = buildDocumentName(document);
    const key = copyKey(userId, documentName);
    if (copies.has(key)) continue;
    const doc = new Y.Doc();
    copies.set(key, { doc, store: openPersonsDocument(userId, document, documentName, doc) });
  }
  if (copies.size > 0) afterFirstScreen(closeUntaken);
}

/** The early copy of `documentName` for `userId`, handed over once (undefined if none). */
export function takeEarlyCopy(userId: string, documentName: string): EarlyCopy | undefined {
  const key = copyKey(userId, documentName);
  const copy = copies.get(key);
  copies.delete(key);
  return copy;
}

function closeUntaken(): void {
  for (const { doc, store } of copies.values()) {
    void store.destroy().catch(reportError);
    doc.destroy();
  }
  copies.clear();
}
