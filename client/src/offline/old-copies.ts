// Local copies of a channel made before the server split it (docs/history-split.md, "Old browser
// copies"). Such a copy holds the channel's whole content under `channel:<id>`, where the split
// channel document now holds only the server's index: syncing it would push messages into a
// document whose guard refuses them (and the refusal drops the whole update). So it is caught
// before its provider connects, from the stored rows: kept aside (kept copies, reason
// "old-layout"), and the channel starts empty, to be filled from the server. If the copy had
// changes the server never acknowledged, the person's own messages in it are compared with the
// server's thread documents thread by thread and the missing ones posted again (recovery.ts);
// with none, everything in it is on the server already and it is dropped.
import { THREAD_DOCUMENT_ROOTS } from "@openvibe/schema";
import * as Y from "yjs";
import type { KeptCopies } from "../sync/refused/kept-copies.ts";

/**
 * What only a thread document holds in the split layout (thread entries aside: a split channel
 * document held its creators' entries for a while). Any live entry there makes a channel
 * document's copy an old one, whatever its meta says (rows of an old copy merged with the
 * server's split meta would read as split).
 */
const CONTENT_ROOTS = THREAD_DOCUMENT_ROOTS.filter((root) => root !== "meta" && root !== "threads");

/** Whether a root holds a live entry, read without defining the root's type. */
function holdsEntries(doc: Y.Doc, root: string): boolean {
  const type = doc.share.get(root);
  if (type === undefined) return false;
  for (const item of type._map.values()) if (!item.deleted) return true;
  return false;
}

/** A channel document's copy holding one-document content (messages, forks...). */
export function isOldChannelCopy(doc: Y.Doc): boolean {
  return CONTENT_ROOTS.some((root) => holdsEntries(doc, root));
}

export interface OldCopyContext {
  channelId: string;
  copies: KeptCopies;
  /** Local changes of the copy the server has not acknowledged. */
  unsynced: number;
}

/**
 * For the channel document's store (`setAside`): true when the stored rows are an old copy, kept
 * aside when it has unacknowledged changes; the store then empties its log.
 */
export async function setAsideOldCopy(
  rows: readonly Uint8Array[],
  { channelId, copies, unsynced }: OldCopyContext,
): Promise<boolean> {
  const doc = new Y.Doc();
  try {
    for (const row of rows) Y.applyUpdate(doc, row);
    if (!isOldChannelCopy(doc)) return false;
    if (unsynced > 0) await copies.keepOldCopy(channelId, doc);
    return true;
  } finally {
    doc.destroy();
  }
}
