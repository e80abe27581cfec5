// The emoji a person reacted with lately on this device, most recent first, kept in
// localStorage per person; before any, the quick reactions.
import { Observable } from "../../state/observable.ts";

export const QUICK_REACTIONS: readonly string[] = ["👍", "❤️", "😄", "🎉"];
const KEPT = 24;

const byPerson = new Map<string, Observable<readonly string[]>>();

function storageKey(userId: string): string {
  return `openvibe:${userId}:recent-emoji`;
}

function read(userId: string): readonly string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? "null");
    if (Array.isArray(stored) && stored.every((item) => typeof item === "string")) return stored;
  } catch {
    // A value this code did not write: start again from the quick reactions.
  }
  return QUICK_REACTIONS;
}

export function recentEmoji(userId: string): Observable<readonly string[]> {
  let recent = byPerson.get(userId);
  if (recent === undefined) {
    recent = new Observable(read(userId));
    byPerson.set(userId, recent);
  }
  return recent;
}

/** Puts `emoji` first in the person's recent emoji. */
export function usedEmoji(userId: string, emoji: string): void {
  const recent = recentEmoji(userId);
  const next = [emoji, ...recent.get().filter((each) => each !== emoji)].slice(0, KEPT);
  localStorage.setItem(storageKey(userId), JSON.stringify(next));
  recent.set(next);
}
