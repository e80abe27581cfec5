// An AVIF as served: its EXIF and XMP items (GPS location, camera serial numbers and the like)
// blanked without re-encoding the image. AVIF is an ISO base media file: the `meta` box lists
// items (`iinf`) and where their bytes are (`iloc`), in the file or in `meta`'s own `idat`.
// Removing an item would move every offset after it, so the metadata items stay where they are,
// their bytes overwritten with zeros and their type renamed to one no reader knows, so decoders
// skip them; every other byte is kept. Like the other strippers (webp-metadata.ts), this runs on
// the way out and leaves the stored blob as uploaded; bytes it cannot walk come back unchanged.

/** What a blanked metadata item's type becomes: no reader knows it, so none reads the item. */
const BLANKED_ITEM_TYPE = "hide";
const XMP_CONTENT_TYPE = "application/rdf+xml";

type Range = readonly [start: number, end: number];

interface Box {
  type: string;
  /** Where the box's content starts (after its header) and ends. */
  start: number;
  end: number;
}

class Reader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** An unsigned big-endian integer of `size` bytes (0, 1, 2, 4 or 8) at `at`. */
  uint(at: number, size: number): number {
    if (at + size > this.bytes.length) throw new RangeError("past the end");
    if (size === 0) return 0;
    if (size === 1) return this.view.getUint8(at);
    if (size === 2) return this.view.getUint16(at);
    if (size === 4) return this.view.getUint32(at);
    if (size === 8) return Number(this.view.getBigUint64(at));
    throw new RangeError(`no field of ${size} bytes`);
  }

  fourcc(at: number): string {
    if (at + 4 > this.bytes.length) throw new RangeError("past the end");
    return String.fromCharCode(...this.bytes.subarray(at, at + 4));
  }

  /** The boxes between `start` and `end`. */
  boxes(start: number, end: number): Box[] {
    const boxes: Box[] = [];
    let at = start;
    while (at < end) {
      let size = this.uint(at, 4);
      const type = this.fourcc(at + 4);
      let header = 8;
      if (size === 1) {
        size = this.uint(at + 8, 8);
        header = 16;
      } else if (size === 0) {
        size = end - at;
      }
      if (size < header || at + size > end) throw new RangeError(`a ${type} box overruns`);
      boxes.push({ type, start: at + header, end: at + size });
      at += size;
    }
    return boxes;
  }

  /** The null-terminated string at `at`, and where it ends (after its null). */
  string(at: number, end: number): { text: string; next: number } {
    const stop = this.bytes.indexOf(0, at);
    if (stop < 0 || stop >= end) throw new RangeError("an unterminated string");
    return { text: new TextDecoder().decode(this.bytes.subarray(at, stop)), next: stop + 1 };
  }
}

/**
 * The ids of the EXIF and XMP items, and where each item's type is written. An id that more than
 * one item entry claims (a damaged file) is left alone: its bytes may be the image's.
 */
function metadataItems(reader: Reader, iinf: Box): Map<number, number> {
  const version = reader.uint(iinf.start, 1);
  const entries = reader.boxes(iinf.start + 4 + (version === 0 ? 2 : 4), iinf.end);
  const items = new Map<number, number>();
  const claims = new Map<number, number>();
  for (const infe of entries) {
    if (infe.type !== "infe") continue;
    const infeVersion = reader.uint(infe.start, 1);
    if (infeVersion < 2) continue; // no item type before version 2
    const idSize = infeVersion === 2 ? 2 : 4;
    const id = reader.uint(infe.start + 4, idSize);
    claims.set(id, (claims.get(id) ?? 0) + 1);
    const typeAt = infe.start + 4 + idSize + 2;
    const type = reader.fourcc(typeAt);
    if (type === "Exif") items.set(id, typeAt);
    if (type === "mime") {
      const name = reader.string(typeAt + 4, infe.end);
      if (reader.string(name.next, infe.end).text === XMP_CONTENT_TYPE) items.set(id, typeAt);
    }
  }
  for (const id of items.keys()) if ((claims.get(id) ?? 0) > 1) items.delete(id);
  return items;
}

/** Every item's byte ranges, from `iloc` (in the file, or in `idat`), by item id. */
function itemRanges(reader: Reader, iloc: Box, idat: Box | undefined): Map<number, Range[]> {
  const version = reader.uint(iloc.start, 1);
  const sizes = reader.uint(iloc.start + 4, 1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 0x0f;
  const moreSizes = reader.uint(iloc.start + 5, 1);
  const baseOffsetSize = moreSizes >> 4;
  const indexSize = version === 0 ? 0 : moreSizes & 0x0f;
  let at = iloc.start + 6;
  const countSize = version < 2 ? 2 : 4;
  const count = reader.uint(at, countSize);
  at += countSize;
  const ranges = new Map<number, Range[]>();
  for (let item = 0; item < count; item += 1) {
    const id = reader.uint(at, countSize);
    at += countSize;
    let method = 0;
    if (version > 0) {
      method = reader.uint(at, 2) & 0x0f;
      at += 2;
    }
    at += 2; // data_reference_index
    const baseOffset = reader.uint(at, baseOffsetSize);
    at += baseOffsetSize;
    const extents = reader.uint(at, 2);
    at += 2;
    for (let extent = 0; extent < extents; extent += 1) {
      at += indexSize;
      const offset = reader.uint(at, offsetSize);
      at += offsetSize;
      const length = reader.uint(at, lengthSize);
      at += lengthSize;
      // Offsets count from the file's start (method 0) or from the start of idat's data (1).
      const origin = method === 0 ? 0 : method === 1 && idat !== undefined ? idat.start : -1;
      if (origin < 0) continue; // built from other items: nothing of its own to blank
      const limit = method === 0 ? reader.bytes.length : (idat?.end ?? 0);
      const start = origin + baseOffset + offset;
      const end = length === 0 ? limit : start + length; // 0: to the end of the data
      if (end > limit) throw new RangeError(`item ${id} overruns`);
      ranges.set(id, [...(ranges.get(id) ?? []), [start, end]]);
    }
  }
  return ranges;
}

/** The AVIF with its EXIF and XMP blanked; the bytes unchanged when they are not one this can walk. */
export function stripAvifMetadata(bytes: Uint8Array): Uint8Array {
  try {
    const reader = new Reader(bytes);
    const top = reader.boxes(0, bytes.length);
    if (top[0]?.type !== "ftyp") return bytes;
    const meta = top.find((box) => box.type === "meta");
    if (meta === undefined) return bytes;
    const children = reader.boxes(meta.start + 4, meta.end);
    const iinf = children.find((box) => box.type === "iinf");
    const iloc = children.find((box) => box.type === "iloc");
    if (iinf === undefined || iloc === undefined) return bytes;
    const items = metadataItems(reader, iinf);
    if (items.size === 0) return bytes;
    const idat = children.find((box) => box.type === "idat");
    const ranges = itemRanges(reader, iloc, idat);
    // Bytes another item also names (a damaged file) are not the metadata's alone: kept.
    const others = [...ranges].filter(([id]) => !items.has(id)).flatMap(([, r]) => r);
    const overlaps = ([start, end]: Range) => others.some(([s, e]) => start < e && s < end);
    const served = bytes.slice();
    for (const id of items.keys()) {
      for (const range of ranges.get(id) ?? []) {
        if (!overlaps(range)) served.fill(0, range[0], range[1]);
      }
    }
    for (const typeAt of items.values()) {
      served.set(new TextEncoder().encode(BLANKED_ITEM_TYPE), typeAt);
    }
    return served;
  } catch (error) {
    if (error instanceof RangeError) return bytes;
    throw error;
  }
}
