// A person's default avatar: their initials on a colour of their own, the same on every device
// (derived from their id, not stored).

/** Background colours that keep white initials readable (contrast at least 4.5:1). */
export const AVATAR_COLOURS = [
  "#2f5aa8",
  "#7b3fa0",
  "#a33d5c",
  "#99400e",
  "#4d6b12",
  "#0f6b5c",
  "#1d6685",
  "#5b4bb7",
] as const;

/** Up to two letters: the first of the first and the last word of the name. */
export function initialsOf(displayName: string): string {
  const words = displayName
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== "");
  const first = words[0];
  if (first === undefined) return "?";
  const letter = (word: string) => (Array.from(word)[0] ?? "").toLocaleUpperCase();
  const last = words.length > 1 ? words.at(-1) : undefined;
  return letter(first) + (last === undefined ? "" : letter(last));
}

/** A colour from the person's id (FNV-1a over its UTF-16 units). */
export function colourOf(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length] ?? AVATAR_COLOURS[0];
}
