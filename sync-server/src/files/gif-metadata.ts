// A GIF as served: its comment extensions (free text) and application extensions (XMP, with a
// location as often as not, and any maker's data) dropped without re-encoding the image; the
// animation's loop count (NETSCAPE2.0, ANIMEXTS1.0) and every image, palette and graphic control
// block are kept byte for byte. Runs on the way out, like png-metadata.ts.

const COMMENT = 0xfe;
const APPLICATION = 0xff;
const EXTENSION = 0x21;
const IMAGE = 0x2c;
const TRAILER = 0x3b;
/** Application extensions that carry how the animation plays, not who made it. */
const PLAYBACK_APPLICATIONS = new Set(["NETSCAPE2.0", "ANIMEXTS1.0"]);

/** The offset just past a run of data sub-blocks starting at `at`, or -1 when it is cut short. */
function pastSubBlocks(bytes: Uint8Array, at: number): number {
  let next = at;
  while (next < bytes.length) {
    const size = bytes[next] ?? 0;
    next += 1 + size;
    if (size === 0) return next <= bytes.length ? next : -1;
  }
  return -1;
}

/** The size in bytes of a colour table announced by `flags` (its packed field), 0 for none. */
function colourTableBytes(flags: number): number {
  return flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0;
}

/** The GIF without its metadata extensions; the bytes unchanged when it is not a GIF this can walk. */
export function stripGifMetadata(bytes: Uint8Array): Uint8Array {
  const header = String.fromCharCode(...bytes.subarray(0, 6));
  if ((header !== "GIF87a" && header !== "GIF89a") || bytes.length < 13) return bytes;
  let at = 13 + colourTableBytes(bytes[10] ?? 0);
  const parts: Uint8Array[] = [bytes.subarray(0, at)];
  while (at < bytes.length) {
    const introducer = bytes[at];
    if (introducer === TRAILER) {
      parts.push(bytes.subarray(at)); // the trailer, and whatever trails it, as it came
      return Buffer.concat(parts);
    }
    let end: number;
    if (introducer === EXTENSION) {
      const label = bytes[at + 1];
      end = pastSubBlocks(bytes, at + 2);
      if (end === -1) return bytes;
      const application =
        label === APPLICATION && bytes[at + 2] === 11
          ? String.fromCharCode(...bytes.subarray(at + 3, at + 14))
          : "";
      const metadata =
        label === COMMENT || (label === APPLICATION && !PLAYBACK_APPLICATIONS.has(application));
      if (!metadata) parts.push(bytes.subarray(at, end));
    } else if (introducer === IMAGE) {
      const descriptorEnd = at + 10 + colourTableBytes(bytes[at + 9] ?? 0);
      // One byte of LZW code size, then the image data's sub-blocks.
      end = descriptorEnd < bytes.length ? pastSubBlocks(bytes, descriptorEnd + 1) : -1;
      if (end === -1) return bytes;
      parts.push(bytes.subarray(at, end));
    } else return bytes;
    at = end;
  }
  return bytes;
}
