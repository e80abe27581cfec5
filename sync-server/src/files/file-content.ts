// A file's bytes kept by the server: its type checked against the one declared, the bytes put
// into the blob store (which refuses them unless they hash to the file's SHA-256), and what the
// server shows of it made (an image's upright dimensions, a thumbnail of an image or of a PDF's
// first page). Every blob put is recorded in `blobs`, which garbage collection walks. A finished
// upload is kept with it, and so is each file `ovb import --files` brings.
import { createHash, randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AppContext } from "../context.ts";
import { blobs } from "../db/schema.ts";
import type { BlobStore } from "./blob-store.ts";
import { checkedContentType } from "./content-type.ts";
import { pdfThumbnail } from "./pdf-thumbnail.ts";
import { imageFacts, THUMBNAIL_PX } from "./thumbnails.ts";

export interface FileToKeep {
  /** A local file the caller owns and leaves in place. */
  path: string;
  sha256: string;
  size: number;
  declaredType: string;
}

export interface KeptContent {
  /** The type as served (see checkedContentType). */
  type: string;
  width: number | null;
  height: number | null;
  thumbnailSha256: string | null;
}

/**
 * Keeps the file's bytes in `store`. Throws ApiError file_type_mismatch when the content is not
 * the declared type, BlobHashMismatchError when it does not hash to `sha256` (nothing is stored
 * then); `scratchDir` holds the thumbnail for a moment on its way to the store.
 */
export async function keepFileContent(
  ctx: AppContext,
  store: BlobStore,
  scratchDir: string,
  file: FileToKeep,
): Promise<KeptContent> {
  const type = await checkedContentType(file.path, file.declaredType);
  await putBlob(ctx, store, file.sha256, file.path, file.size);
  const image = await imageFacts(file.path, type);
  const thumbnail =
    image?.thumbnail ??
    (type === "application/pdf" ? await pdfThumbnail(file.path, THUMBNAIL_PX) : undefined);
  return {
    type,
    width: image?.width ?? null,
    height: image?.height ?? null,
    thumbnailSha256:
      thumbnail === undefined ? null : await putBytes(ctx, store, scratchDir, thumbnail),
  };
}

async function putBlob(
  ctx: AppContext,
  store: BlobStore,
  sha256: string,
  path: string,
  size: number,
): Promise<void> {
  await store.put(sha256, path);
  ctx.db.insert(blobs).values({ sha256, size, createdAt: ctx.now() }).onConflictDoNothing().run();
}

async function putBytes(
  ctx: AppContext,
  store: BlobStore,
  scratchDir: string,
  bytes: Buffer,
): Promise<string> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const path = join(scratchDir, `${randomBytes(8).toString("hex")}.derived`);
  await writeFile(path, bytes);
  try {
    await putBlob(ctx, store, sha256, path, bytes.length);
  } finally {
    await rm(path, { force: true });
  }
  return sha256;
}
