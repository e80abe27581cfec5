// Serving a JPEG without its metadata: a phone's photo keeps only its orientation; the image data
// is the same bytes; anything that is not a JPEG this can walk comes back unchanged, never a throw.
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { stripJpegMetadata } from "./jpeg-metadata.ts";

describe("stripJpegMetadata", () => {
  it("drops EXIF (location included) and keeps the orientation and the image", async () => {
    const photo = await sharp({
      create: { width: 60, height: 40, channels: 3, background: "#49c" },
    })
      .jpeg()
      .withExif({
        IFD0: { Make: "PhoneMaker", Model: "Phone 12" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(photo.includes(Buffer.from("PhoneMaker"))).toBe(true);
    const served = Buffer.from(stripJpegMetadata(photo, 6));
    expect(served.includes(Buffer.from("PhoneMaker"))).toBe(false);
    const metadata = await sharp(served).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 60, height: 40, orientation: 6 });
    expect(metadata.exif?.length ?? 0).toBeLessThan(64);
    expect(served.subarray(-200).equals(photo.subarray(-200))).toBe(true);
    expect((await sharp(Buffer.from(stripJpegMetadata(photo, 1))).metadata()).exif).toBeUndefined();
  });

  it("never throws, and only ever removes bytes (plus the orientation block)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 9 }), (tail, o) => {
        const bytes = Uint8Array.from([0xff, 0xd8, ...tail]);
        const out = stripJpegMetadata(bytes, o);
        expect(out.length).toBeLessThanOrEqual(bytes.length + 40);
      }),
      { numRuns: 2000 },
    );
  });
});
