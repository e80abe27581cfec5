// A PNG as served: its metadata chunks (eXIf: EXIF with GPS location, camera serial numbers and
// the like; tEXt, zTXt, iTXt: text, XMP included; tIME) dropped without re-encoding the image;
// every other chunk is kept byte for byte. The stored blob keeps the bytes as uploaded (its hash
// is the record's); this runs on the way out, like jpeg-metadata.ts.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const METADATA_CHUNKS = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);

/** The PNG without its metadata chunks; the bytes unchanged when they are not a PNG this can walk. */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes.length < SIGNATURE.length || SIGNATURE.some((b, i) => bytes[i] !== b)) return bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, SIGNATURE.length)];
  let at = SIGNATURE.length;
  while (at + 12 <= bytes.length) {
    const end = at + 12 + view.getUint32(at);
    if (end > bytes.length) return bytes;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!METADATA_CHUNKS.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === "IEND") {
      parts.push(bytes.subarray(at)); // whatever trails the image, as it came
      return Buffer.concat(parts);
    }
  }
  return bytes;
}
