// Who gave a reaction, as a sentence: "Ada, Bob and you reacted with 🎉".

/** Names in the order given, the reader as "you" (last, or "You" alone). */
export function whoReacted(
  emoji: string,
  actorIds: readonly string[],
  readerId: string,
  nameOf: (id: string) => string,
): string {
  const others = actorIds.filter((id) => id !== readerId).map(nameOf);
  const names = actorIds.includes(readerId) ? [...others, "you"] : others;
  const last = names.at(-1) ?? "";
  const listed = names.length <= 1 ? last : `${names.slice(0, -1).join(", ")} and ${last}`;
  return `${listed === "you" ? "You" : listed} reacted with ${emoji}`;
}
