// A person's default avatar: their initials on their colour (the one they chose, else the
// default from their id, defaultAvatarColour in @openvibe/schema), in black or white, whichever
// reads better on it.

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

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const value = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white text, whichever contrasts more with the #rrggbb background. */
export function textColourOn(background: string): "#000000" | "#ffffff" {
  const lum = luminance(background);
  return (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";
}
