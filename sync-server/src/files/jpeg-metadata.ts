// A JPEG as served: its metadata segments (APP1: EXIF and XMP, with GPS location, camera serial
// numbers and the like; APP13: IPTC) dropped without re-encoding the image, and only the EXIF
// orientation written back (a minimal EXIF block), so a phone's photo still shows upright. The
// stored blob keeps the bytes as uploaded (its hash is the record's); this runs on the way out.

const APP1 = 0xe1;
const APP13 = 0xed;
const SOS = 0xda;

/** A minimal big-endian EXIF block holding only the orientation tag (0x0112). */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = [
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // "MM", 42, IFD0 at 8
    ...[0x00, 0x01], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01], // orientation, SHORT, count 1
    ...[0x00, orientation, 0x00, 0x00], // its value
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const length = body.length + 2;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...body]);
}

/**
 * The JPEG without its metadata segments (and with `orientation` kept when it is not 1); the
 * bytes unchanged when they are not a JPEG this can walk.
 */
export function stripJpegMetadata(bytes: Uint8Array, orientation: number): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  if (orientation >= 2 && orientation <= 8) parts.push(orientationSegment(orientation));
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return bytes;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === SOS) {
      parts.push(bytes.subarray(at));
      return Buffer.concat(parts);
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    if (length < 2 || at + 2 + length > bytes.length) return bytes;
    if (marker !== APP1 && marker !== APP13) parts.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return bytes;
}
