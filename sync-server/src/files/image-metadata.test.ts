// Serving a PNG, a WebP or an AVIF without its metadata: EXIF (location included) and XMP are
// gone, the image decodes at the same size from the same image data, not re-encoded; anything
// that is not an image these can walk comes back unchanged, never a throw, never larger.
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { stripAvifMetadata } from "./avif-metadata.ts";
import { stripPngMetadata } from "./png-metadata.ts";
import { stripWebpMetadata } from "./webp-metadata.ts";

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30N"/></rdf:RDF></x:xmpmeta>`;

/** A 60×40 image with alpha carrying EXIF (make and GPS location) and XMP, as an editor saves it. */
function photo(format: "png" | "webp" | "avif"): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 40, channels: 4, background: "#49c8" } })
    [format]()
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Phone 12" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" },
    })
    .withXmp(XMP)
    .toBuffer();
}

/** The PNG's (first) IDAT chunk, whole. */
function pngImageData(png: Buffer): Buffer {
  const at = png.indexOf("IDAT") - 4;
  return png.subarray(at, at + 12 + png.readUInt32BE(at));
}

/** The WebP's VP8 (lossy image data) chunk, whole. */
function webpImageData(webp: Buffer): Buffer {
  const at = webp.indexOf("VP8 ");
  return webp.subarray(at, at + 8 + webp.readUInt32LE(at + 4));
}

/** Copies of `original`, half of them cut short, with some bytes overwritten. */
function damagedCopies(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.oneof(fc.constant(original.length), fc.nat({ max: original.length })),
      fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        maxLength: 4,
      }),
    )
    .map(([length, edits]) => {
      const bytes = original.slice(0, length);
      for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
      return bytes;
    });
}

/** The AVIF's mdat box (the coded image), whole. */
function avifImageData(avif: Buffer): Buffer {
  const at = avif.indexOf("mdat") - 4;
  return avif.subarray(at, at + avif.readUInt32BE(at));
}

/** Each format, what sharp calls it, and how many leading bytes say what it is. */
const formats = [
  { format: "png", decoded: "png", strip: stripPngMetadata, imageData: pngImageData, magic: 8 },
  {
    format: "webp",
    decoded: "webp",
    strip: stripWebpMetadata,
    imageData: webpImageData,
    magic: 12,
  },
  {
    format: "avif",
    decoded: "heif",
    strip: stripAvifMetadata,
    imageData: avifImageData,
    magic: 12,
  },
] as const;

describe.each(formats)("strip $format metadata", ({ format, decoded, strip, imageData, magic }) => {
  it("drops EXIF (location included) and XMP and keeps the image as it was", async () => {
    const original = await photo(format);
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.xmp).toBeDefined();
    expect(original.includes(Buffer.from("PhoneMaker"))).toBe(true);

    const served = Buffer.from(strip(original));
    expect(served.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect(served.includes(Buffer.from("GPSLatitude"))).toBe(false);
    const after = await sharp(served).metadata();
    expect(after).toMatchObject({ format: decoded, width: 60, height: 40, hasAlpha: true });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(served.includes(imageData(original))).toBe(true);
    if (format === "webp") expect(served[20]).toBe(0x10); // VP8X flags: alpha, no EXIF nor XMP
    expect(await sharp(served).raw().toBuffer()).toEqual(await sharp(original).raw().toBuffer());
  });

  it("never throws and never grows, on any bytes and on damaged copies of a real image", async () => {
    const original = new Uint8Array(await photo(format));
    const prefix = original.subarray(0, magic);
    const anyBytes = fc
      .uint8Array({ maxLength: 300 })
      .map((tail) => Uint8Array.from([...prefix, ...tail]));
    fc.assert(
      fc.property(fc.oneof(damagedCopies(original), anyBytes), (bytes) => {
        expect(strip(bytes).length).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("decodes once stripped exactly when it decoded before, on damaged copies", async () => {
    const original = new Uint8Array(await photo(format));
    const decodes = async (bytes: Uint8Array) => {
      try {
        await sharp(bytes).raw().toBuffer();
        return true;
      } catch {
        return false; // sharp refuses empty input at once, damaged input when decoding
      }
    };
    await fc.assert(
      fc.asyncProperty(damagedCopies(original), async (bytes) => {
        expect(await decodes(strip(bytes))).toBe(await decodes(bytes));
      }),
      { numRuns: 200 },
    );
  });
});
