// When to fold a document's tail into its snapshot. Compaction rewrites the
// whole snapshot, so for large documents it waits until the tail is worth a
// fair share of it: that keeps the rewrite cost per message bounded (about
// 1 / SNAPSHOT_SHARE bytes per tail byte) while loading stays snapshot plus a
// tail no larger than a tenth of it.
import type { DocumentSize } from "../storage/document-store.ts";

/** The tail must reach this fraction of the snapshot's size. */
export const SNAPSHOT_SHARE = 0.1;

export function shouldCompact(size: DocumentSize, minimumTailUpdates: number): boolean {
  return (
    size.tailUpdates >= minimumTailUpdates && size.tailBytes >= size.snapshotBytes * SNAPSHOT_SHARE
  );
}
