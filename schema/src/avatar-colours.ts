// The colours of default avatars: a person's initials in white on one of these (contrast at least
// 4.5:1), chosen from their id so it is the same everywhere until they pick another.

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

/** The default colour of the person with this id (FNV-1a over its UTF-16 units). */
export function defaultAvatarColour(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length] ?? AVATAR_COLOURS[0];
}
