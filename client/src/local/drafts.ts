// Unsent text per thread (or fork), kept in Dexie so it survives reloads and
// works offline.
import { type LocalDatabase, localDatabase } from "./database.ts";

export function draftKey(channelId: string, threadId: string, forkId: string | null): string {
  return forkId === null ? `${channelId}/${threadId}` : `${channelId}/${threadId}/fork:${forkId}`;
}

export async function loadDraft(key: string, db: LocalDatabase = localDatabase): Promise<string> {
  return (await db.drafts.get(key))?.text ?? "";
}

/** Saves the text; blank text removes the draft. */
export async function saveDraft(
  key: string,
  text: string,
  db: LocalDatabase = localDatabase,
): Promise<void> {
  if (text.trim() === "") await db.drafts.delete(key);
  else await db.drafts.put({ key, text, updatedAt: Date.now() });
}
