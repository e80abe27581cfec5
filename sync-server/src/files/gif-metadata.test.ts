// Serving a GIF without its metadata: comments and application extensions (XMP with a location)
// are gone, the animation's loop count stays, the image decodes to the same pixels; anything
// that is not a GIF this can walk comes back unchanged, never a throw, never larger.
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { stripGifMetadata } from "./gif-metadata.ts";

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="51,30N"/></x:xmpmeta>`;

/** An extension block: introducer, label, then `data` in sub-blocks of at most 255 bytes. */
function extension(label: number, data: Buffer, head?: Buffer): Buffer {
  const blocks: Buffer[] = head === undefined ? [] : [Buffer.from([head.length]), head];
  for (let at = 0; at < data.length; at += 255) {
    const piece = data.subarray(at, at + 255);
    blocks.push(Buffer.from([piece.length]), piece);
  }
  return Buffer.concat([Buffer.from([0x21, label]), ...blocks, Buffer.from([0])]);
}

const COMMENT = extension(0xfe, Buffer.from("Taken at 12 Elm Street by Dana"));
const XMP_BLOCK = extension(0xff, Buffer.from(XMP), Buffer.from("XMP DataXMP"));
const LOOP_FOREVER = extension(0xff, Buffer.from([1, 0, 0]), Buffer.from("NETSCAPE2.0"));

/** A 30×20 GIF from sharp with a comment, XMP and a loop count put in before its image. */
async function taggedGif(): Promise<{ plain: Buffer; tagged: Buffer }> {
  const plain = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#3a7" } })
    .gif()
    .toBuffer();
  const flags = plain[10] ?? 0;
  const headerEnd = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  const tagged = Buffer.concat([
    plain.subarray(0, headerEnd),
    COMMENT,
    LOOP_FOREVER,
    XMP_BLOCK,
    plain.subarray(headerEnd),
  ]);
  return { plain, tagged };
}

describe("strip GIF metadata", () => {
  it("drops comments and XMP, keeps the loop count and every pixel", async () => {
    const { tagged } = await taggedGif();
    const served = Buffer.from(stripGifMetadata(tagged));
    expect(served.includes("GPSLatitude")).toBe(false);
    expect(served.includes("Elm Street")).toBe(false);
    expect(served.includes("NETSCAPE2.0")).toBe(true);
    expect(served.length).toBe(tagged.length - COMMENT.length - XMP_BLOCK.length);
    const pixels = (gif: Buffer) => sharp(gif).raw().toBuffer({ resolveWithObject: true });
    const [before, after] = await Promise.all([pixels(tagged), pixels(served)]);
    expect(after.info).toMatchObject({ width: 30, height: 20 });
    expect(after.data.equals(before.data)).toBe(true);
  });

  it("gives back what it cannot walk unchanged, never throws, never grows", async () => {
    const { tagged } = await taggedGif();
    const damaged = fc
      .tuple(
        fc.nat({ max: tagged.length }),
        fc.array(fc.tuple(fc.nat({ max: tagged.length - 1 }), fc.nat(255)), { maxLength: 4 }),
      )
      .map(([length, edits]) => {
        const bytes = Uint8Array.from(tagged.subarray(0, length));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.uint8Array({ maxLength: 64 })), (bytes) => {
        const served = stripGifMetadata(bytes);
        expect(served.length).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 500 },
    );
  });
});
