// A WebP as served: its EXIF and XMP chunks (GPS location, camera serial numbers and the like)
// dropped without re-encoding the image, the RIFF size fixed and the VP8X chunk's EXIF and XMP
// flags cleared so decoders don't look for them; every other chunk is kept byte for byte. The
// stored blob keeps the bytes as uploaded (its hash is the record's); this runs on the way out,
// like jpeg-metadata.ts.

const METADATA_CHUNKS = new Set(["EXIF", "XMP "]);
const VP8X_EXIF_AND_XMP_FLAGS = 0x08 | 0x04;

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

/** The WebP without its metadata chunks; the bytes unchanged when they are not a WebP this can walk. */
export function stripWebpMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 12 || fourcc(bytes, 0) !== "RIFF" || fourcc(bytes, 8) !== "WEBP") return bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) return bytes;
  const chunks: Uint8Array[] = [];
  let at = 12;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) return bytes;
    const size = view.getUint32(at + 4, true);
    if (at + 8 + size > riffEnd) return bytes;
    const end = Math.min(at + 8 + size + (size % 2), riffEnd); // padded to even, but for the last
    const type = fourcc(bytes, at);
    if (type === "VP8X" && size >= 1) {
      const chunk = bytes.slice(at, end);
      chunk[8] = (chunk[8] ?? 0) & ~VP8X_EXIF_AND_XMP_FLAGS;
      chunks.push(chunk);
    } else if (!METADATA_CHUNKS.has(type)) {
      chunks.push(bytes.subarray(at, end));
    }
    at = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(4 + body.length, 4);
  header.write("WEBP", 8, "latin1");
  return Buffer.concat([header, body, bytes.subarray(riffEnd)]); // what trails the RIFF, as it came
}
