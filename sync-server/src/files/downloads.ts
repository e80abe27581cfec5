// A file's bytes as an HTTP response, for a caller `readableAttachment` let through. Raster
// images are shown inline; everything else (HTML, SVG, scripts, documents) is a download,
// never rendered by the browser: Content-Disposition attachment, nosniff and a sandboxing CSP.
// The ETag is the content hash, so a browser revalidates cheaply; it must revalidate (no-cache),
// so a revoked access is refused on the next view. A JPEG, PNG, WebP, GIF or AVIF goes out without
// its metadata (location included), see jpeg-metadata.ts, png-metadata.ts, webp-metadata.ts,
// gif-metadata.ts and avif-metadata.ts.

import { ApiError } from "../errors.ts";
import { stripAvifMetadata } from "./avif-metadata.ts";
import type { BlobStore } from "./blob-store.ts";
import { isInlineType } from "./content-type.ts";
import type { AttachmentRow } from "./file-access.ts";
import { stripGifMetadata } from "./gif-metadata.ts";
import { stripJpegMetadata } from "./jpeg-metadata.ts";
import { stripPngMetadata } from "./png-metadata.ts";
import { orientationOf } from "./thumbnails.ts";
import { stripWebpMetadata } from "./webp-metadata.ts";

/** The original's bytes as served: a raster image without its metadata; others as stored. */
const metadataStrippers: Record<string, ((bytes: Uint8Array) => Promise<Uint8Array>) | undefined> =
  {
    "image/jpeg": async (bytes) => stripJpegMetadata(bytes, await orientationOf(bytes)),
    "image/png": async (bytes) => stripPngMetadata(bytes),
    "image/webp": async (bytes) => stripWebpMetadata(bytes),
    "image/gif": async (bytes) => stripGifMetadata(bytes),
    "image/avif": async (bytes) => stripAvifMetadata(bytes),
  };

function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function fileResponse(
  store: BlobStore,
  row: AttachmentRow,
  which: "original" | "thumbnail",
  ifNoneMatch: string | undefined,
): Promise<Response> {
  const sha256 = which === "original" ? row.sha256 : row.thumbnailSha256;
  if (sha256 === null) throw new ApiError("not_found", "this file has no thumbnail");
  const type = which === "original" ? row.type : "image/webp";
  const inline = isInlineType(type);
  const headers = new Headers({
    "Content-Type": inline ? type : row.type === "text/plain" ? "text/plain; charset=utf-8" : type,
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", row.name),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-cache",
    ETag: `"${sha256}"`,
  });
  if (ifNoneMatch === `"${sha256}"`) return new Response(null, { status: 304, headers });
  const blob = await store.get(sha256);
  if (blob === undefined) throw new ApiError("not_found", "the file's content is missing");
  const strip = which === "original" ? metadataStrippers[row.type] : undefined;
  if (strip !== undefined) {
    const served = await strip(new Uint8Array(await new Response(blob.body).arrayBuffer()));
    headers.set("Content-Length", String(served.length));
    return new Response(new Uint8Array(served), { status: 200, headers });
  }
  headers.set("Content-Length", String(blob.size));
  return new Response(blob.body, { status: 200, headers });
}
