// The documents on screen when the page was last hidden, each kept whole as one Yjs update in
// localStorage (a snapshot), for the next warm open: the page's first script applies the snapshot
// of the document its address names (early-copies.ts) before that document's local copy has even
// opened, so the thread shows without waiting on IndexedDB (opening and reading a document's
// database took 50-100 ms of a warm open, queued beside the page's other first reads).
//
// The local copy (its update log) stays the truth:
// - a snapshot is saved only while the log holds everything the document does (nothing pending
//   or being written: LocalDocumentStore `onHiddenAllWritten`), so it never holds what the log
//   lacks, and the log's load then adds whatever came after it;
// - it goes with the log (evicted, forgotten after a refusal: forgetSnapshot);
// - it is only applied for the person whose session is cached, as the log is only opened for them.
// Bounded: a document over MAX_SNAPSHOT_BYTES is not kept, and beyond MAX_SNAPSHOTS the least
// recently saved go first. Stored one byte per character (code units 0-255, which localStorage
// keeps one byte each), with the time it was saved in front.
import * as Y from "yjs";
import { fromBinaryString, toBinaryString } from "../local/binary-string.ts";
import { localCopyNames } from "./local-copy-names.ts";

/** A thread of a few hundred messages; a longer one opens from its log as before. */
const MAX_SNAPSHOT_BYTES = 256 * 1024;
/** The last few documents on screen (a person switching between a few threads and a channel). */
const MAX_SNAPSHOTS = 4;
const SUFFIX = ":snapshot";

/** The origin of the transaction applying a snapshot (it is not a change of anyone's). */
export const SNAPSHOT_ORIGIN = { source: "screen-snapshot" } as const;

function snapshotKey(userId: string, documentName: string): string {
  return localCopyNames(userId, documentName).snapshot;
}

/** The keys of every snapshot kept, the least recently saved first. */
function snapshotsByAge(storage: Storage): string[] {
  const saved: { key: string; at: number }[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null || !key.endsWith(SUFFIX)) continue;
    const value = storage.getItem(key) ?? "";
    saved.push({ key, at: Number.parseInt(value.slice(0, value.indexOf(" ")), 10) || 0 });
  }
  return saved.sort((a, b) => a.at - b.at).map((each) => each.key);
}

/** Keeps `doc` as the snapshot of `documentName` for `userId` (or none, if it is too big). */
export function saveSnapshot(
  userId: string,
  documentName: string,
  doc: Y.Doc,
  storage: Storage = localStorage,
): void {
  const key = snapshotKey(userId, documentName);
  const update = Y.encodeStateAsUpdate(doc);
  storage.removeItem(key);
  if (update.length > MAX_SNAPSHOT_BYTES) return;
  const older = snapshotsByAge(storage);
  for (const old of older.slice(0, Math.max(0, older.length - (MAX_SNAPSHOTS - 1)))) {
    storage.removeItem(old);
  }
  try {
    storage.setItem(key, `${Date.now()} ${toBinaryString(update)}`);
  } catch {
    // Over the origin's quota: the next open reads the log, as without a snapshot.
  }
}

/** Applies the snapshot of `documentName` for `userId` to `doc`; whether there was one. */
export function applySnapshot(
  userId: string,
  documentName: string,
  doc: Y.Doc,
  storage: Storage = localStorage,
): boolean {
  const value = storage.getItem(snapshotKey(userId, documentName));
  if (value === null) return false;
  try {
    Y.applyUpdate(doc, fromBinaryString(value, value.indexOf(" ") + 1), SNAPSHOT_ORIGIN);
    return true;
  } catch {
    // Unreadable (written by something else): dropped; the log loads as without one.
    storage.removeItem(snapshotKey(userId, documentName));
    return false;
  }
}

/** Drops the snapshot of a document whose local copy goes. */
export function forgetSnapshot(
  userId: string,
  documentName: string,
  storage: Storage = localStorage,
): void {
  storage.removeItem(snapshotKey(userId, documentName));
}
