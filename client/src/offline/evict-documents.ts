// Evicting thread documents beyond the budget (eviction-policy.ts decides which): each one's log
// is deleted under its exclusive Web Lock, taken only if free (no page has it open:
// sync/local-store/document-lock.ts), after checking again that it has no unacknowledged change
// and is not open here; then its row is forgotten. A document that cannot go now stays (it is
// tried again at the next eviction).

import { localCopyNames } from "../sync/local-copy-names.ts";
import { ifUnheld } from "../sync/local-store/document-lock.ts";
import { deleteDatabase } from "../sync/local-store/idb.ts";
import { storedCount } from "../sync/pending-changes.ts";
import { forgetSnapshot } from "../sync/screen-snapshots.ts";
import { chooseEvictions } from "./eviction-policy.ts";
import type { HeldDocuments } from "./held-documents.ts";

export interface EvictionOptions {
  userId: string;
  held: HeldDocuments;
  budgetBytes: number;
  /** Whether this page has the document open (a replica on screen or syncing). */
  isOpen(documentName: string): boolean;
}

/** Evicts what the budget asks; resolves to the names of the documents deleted. */
export async function evictBeyondBudget(options: EvictionOptions): Promise<string[]> {
  const { userId, held, budgetBytes, isOpen } = options;
  await held.saveSizes();
  const rows = await held.list();
  const isProtected = (documentName: string) =>
    isOpen(documentName) || storedCount(localCopyNames(userId, documentName).unsynced) > 0;
  const chosen = new Set(chooseEvictions(rows, budgetBytes, isProtected));
  const evicted: string[] = [];
  for (const row of rows.filter((each) => chosen.has(each.documentName))) {
    const names = localCopyNames(userId, row.documentName);
    await ifUnheld(names.updates, async () => {
      if (isProtected(row.documentName)) return;
      await deleteDatabase(names.updates);
      localStorage.removeItem(names.unsynced);
      forgetSnapshot(userId, row.documentName);
      await held.forget(row);
      evicted.push(row.documentName);
    });
  }
  return evicted;
}
