// Uploads, resumable in the manner of tus: `start` records the attachment the client made
// (checking write access and the size limit before any byte is sent), `append` takes one chunk
// at the offset reached so far, and the last chunk finishes the upload: the bytes must hash to
// the declared SHA-256 and be of the declared type, then they go to the blob store (with a
// thumbnail for images and PDFs) and the upload is stored. A chunk is taken whole or not at all; a file
// that fails a check leaves nothing behind. Partial files wait in `<uploadsDir>/<id>.part`.
import { mkdirSync } from "node:fs";
import { open, rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CreateUploadRequest, UploadView } from "@openvibe/schema";
import { eq } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import type { AppContext } from "../context.ts";
import { attachments } from "../db/schema.ts";
import { ApiError, storageError } from "../errors.ts";
import { getWorkspace } from "../workspace/workspace.ts";
import { BlobHashMismatchError, type BlobStore } from "./blob-store.ts";
import { type AttachmentRow, assertMayUpload, findAttachment, ownUpload } from "./file-access.ts";
import { keepFileContent } from "./file-content.ts";
import { sha256OfFile } from "./file-hash.ts";
import { toUploadView } from "./upload-view.ts";

export interface Chunk {
  offset: number;
  /** The request's Content-Length: the bytes the body must carry. */
  length: number;
  body: ReadableStream<Uint8Array> | null;
}

export class FileUploads {
  private readonly ctx: AppContext;
  private readonly blobs: BlobStore;
  private readonly uploadsDir: string;
  /** Uploads with a chunk being written or a finish under way: one at a time each. */
  private readonly busy = new Set<string>();

  constructor(ctx: AppContext, blobStore: BlobStore, uploadsDir: string) {
    this.ctx = ctx;
    this.blobs = blobStore;
    this.uploadsDir = uploadsDir;
    mkdirSync(uploadsDir, { recursive: true });
  }

  partPath(id: string): string {
    return join(this.uploadsDir, `${id}.part`);
  }

  async start(
    user: UserRecord,
    channelId: string,
    request: CreateUploadRequest,
  ): Promise<{ view: UploadView; created: boolean }> {
    assertMayUpload(this.ctx, user, channelId);
    if (request.size === 0) throw new ApiError("file_empty", "the file is empty (zero bytes)");
    const limit = getWorkspace(this.ctx).settings.maxFileBytes;
    if (request.size > limit) {
      throw new ApiError("file_too_large", `files are limited to ${limit} bytes in this workspace`);
    }
    const existing = findAttachment(this.ctx, request.attachmentId);
    if (existing !== undefined) {
      const same =
        existing.uploaderId === user.id &&
        existing.channelId === channelId &&
        existing.sha256 === request.sha256 &&
        existing.size === request.size;
      if (!same) throw new ApiError("conflict", "another file already has this attachment id");
      return { view: toUploadView(existing), created: false };
    }
    try {
      await writeFile(this.partPath(request.attachmentId), new Uint8Array(0), { flag: "w" });
    } catch (error) {
      throw storageError(error);
    }
    const row = this.ctx.db
      .insert(attachments)
      .values({
        id: request.attachmentId,
        channelId,
        uploaderId: user.id,
        name: request.name,
        declaredType: request.type,
        type: request.type,
        size: request.size,
        sha256: request.sha256,
        received: 0,
        status: "uploading",
        createdAt: this.ctx.now(),
      })
      .returning()
      .get();
    return { view: toUploadView(row), created: true };
  }

  state(user: UserRecord, id: string): UploadView {
    return toUploadView(ownUpload(this.ctx, user, id));
  }

  async append(user: UserRecord, id: string, chunk: Chunk): Promise<UploadView> {
    const row = ownUpload(this.ctx, user, id);
    if (row.status === "stored") return toUploadView(row);
    if (this.busy.has(id))
      throw new ApiError("conflict", "another chunk of this file is being written");
    if (chunk.offset !== row.received) {
      throw new ApiError(
        "upload_offset_mismatch",
        `the upload is at byte ${row.received}, not ${chunk.offset}`,
      );
    }
    if (row.received + chunk.length > row.size) {
      throw new ApiError("file_too_large", `the file was declared as ${row.size} bytes`);
    }
    this.busy.add(id);
    try {
      const bytes = await readExactly(chunk.body, chunk.length);
      await this.appendBytes(row, bytes);
      const received = row.received + bytes.length;
      try {
        this.ctx.db.update(attachments).set({ received }).where(eq(attachments.id, id)).run();
      } catch (error) {
        // Not recorded, so not kept: the upload stays at its last recorded chunk.
        await truncate(this.partPath(id), row.received).catch(() => {});
        throw storageError(error);
      }
      const updated = { ...row, received };
      return toUploadView(received === row.size ? await this.finish(updated) : updated);
    } finally {
      this.busy.delete(id);
    }
  }

  private async appendBytes(row: AttachmentRow, bytes: Uint8Array): Promise<void> {
    const path = this.partPath(row.id);
    const handle = await open(path, "r+").catch((error) => {
      throw storageError(error);
    });
    try {
      await handle.write(bytes, 0, bytes.length, row.received);
      await handle.sync();
    } catch (error) {
      // What was written of this chunk is cut off: the upload stays at its last whole chunk.
      await truncate(path, row.received).catch(() => {});
      throw storageError(error);
    } finally {
      await handle.close();
    }
  }

  /** Checks the whole file and moves it to the blob store; a failed check removes the upload. */
  private async finish(row: AttachmentRow): Promise<AttachmentRow> {
    const path = this.partPath(row.id);
    try {
      const actual = await sha256OfFile(path);
      if (actual !== row.sha256) {
        throw new ApiError(
          "file_hash_mismatch",
          "the bytes received do not match the file's SHA-256",
        );
      }
      const kept = await keepFileContent(this.ctx, this.blobs, this.uploadsDir, {
        path,
        sha256: row.sha256,
        size: row.size,
        declaredType: row.declaredType,
      });
      const stored = this.ctx.db
        .update(attachments)
        .set({ status: "stored", ...kept, storedAt: this.ctx.now() })
        .where(eq(attachments.id, row.id))
        .returning()
        .get();
      await rm(path, { force: true });
      return stored;
    } catch (error) {
      if (error instanceof ApiError && error.code !== "insufficient_storage") {
        this.ctx.db.delete(attachments).where(eq(attachments.id, row.id)).run();
        await rm(path, { force: true });
      }
      throw error instanceof BlobHashMismatchError
        ? new ApiError("file_hash_mismatch", error.message)
        : storageError(error);
    }
  }
}

/** The whole body, which must be exactly `length` bytes: a short one is a truncated chunk. */
async function readExactly(
  body: ReadableStream<Uint8Array> | null,
  length: number,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  let filled = 0;
  if (body !== null) {
    try {
      for await (const chunk of body) {
        if (filled + chunk.length > length) {
          throw new ApiError("payload_too_large", "the body is longer than its Content-Length");
        }
        bytes.set(chunk, filled);
        filled += chunk.length;
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // The connection broke off mid-body.
    }
  }
  if (filled !== length) {
    throw new ApiError(
      "upload_truncated",
      `the chunk ended after ${filled} of its ${length} bytes; nothing of it was kept`,
    );
  }
  return bytes;
}
