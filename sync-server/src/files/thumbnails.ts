// Images as the server shows them small: re-encoded by sharp (so nothing of the original's
// metadata, EXIF location included, survives), turned upright by their EXIF orientation, and
// fitted in THUMBNAIL_PX. The dimensions recorded are the upright ones.
import sharp from "sharp";
import { isInlineType } from "./content-type.ts";

export const THUMBNAIL_PX = 480;

export interface ImageFacts {
  width: number;
  height: number;
  /** A WebP thumbnail, metadata stripped. */
  thumbnail: Buffer;
}

/** An image's EXIF orientation (1: upright, or unknown). */
export async function orientationOf(bytes: Uint8Array): Promise<number> {
  try {
    return (await sharp(bytes).metadata()).orientation ?? 1;
  } catch {
    return 1;
  }
}

/** Facts of an image the browser shows inline; undefined for other types or unreadable images. */
export async function imageFacts(path: string, type: string): Promise<ImageFacts | undefined> {
  if (!isInlineType(type)) return undefined;
  try {
    const image = sharp(path, { limitInputPixels: 100_000_000, animated: false });
    const metadata = await image.metadata();
    if (metadata.width === undefined || metadata.height === undefined) return undefined;
    const turned = (metadata.orientation ?? 1) >= 5;
    const thumbnail = await image
      .rotate()
      .resize({
        width: THUMBNAIL_PX,
        height: THUMBNAIL_PX,
        fit: "inside",
        withoutEnlargement: true,
      })
      .webp({ quality: 80 })
      .toBuffer();
    return {
      width: turned ? metadata.height : metadata.width,
      height: turned ? metadata.width : metadata.height,
      thumbnail,
    };
  } catch {
    return undefined;
  }
}
