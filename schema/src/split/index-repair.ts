// Keeping a split channel's thread index in step with its thread documents. Yjs gives no
// atomicity across documents, and peers never write the channel document: the thread document
// decides, and the server, which holds both, writes what it derives from the thread document
// into the index (a root only it writes), keeping the index to its window.
import type * as Y from "yjs";
import type { ThreadDigest } from "../records/thread-digest.ts";
import { deriveThreadIndexEntry, threadIdOfThreadDocument } from "./derive-index-entry.ts";
import { type IndexChange, placeThreadDigest, THREAD_INDEX_WINDOW } from "./thread-index-store.ts";

export interface IndexRepair extends IndexChange {
  readonly threadId: string;
  /** What the thread document says (also the server's SQL row, in or out of the window). */
  readonly digest: ThreadDigest;
}

/**
 * Server: makes the index say what the thread document says, in one transaction of the channel
 * document: writes the digest when it differs and the thread is in the window (nothing when in
 * step), and trims the window. Undefined while the thread document holds no valid thread yet
 * (nothing to derive from). Deriving re-reads the thread's lines, so call it on load and
 * debounced after changes (a streamed reply changes its thread once per batch of tokens).
 */
export function repairThreadIndex(
  channelDoc: Y.Doc,
  threadDoc: Y.Doc,
  window: number = THREAD_INDEX_WINDOW,
): IndexRepair | undefined {
  const threadId = threadIdOfThreadDocument(threadDoc);
  const digest = threadId === undefined ? undefined : deriveThreadIndexEntry(threadDoc, threadId);
  if (threadId === undefined || digest === undefined) return undefined;
  return { threadId, digest, ...placeThreadDigest(channelDoc, threadId, digest, window) };
}
