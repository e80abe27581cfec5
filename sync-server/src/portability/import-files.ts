// `ovb import FILE --files DIR`, after the import's transaction: each file record of the export
// whose bytes are in DIR becomes a stored file of the new workspace, as an upload would have
// made it (checked, put into the blob store, thumbnail made: keepFileContent), uploaded by the
// author of the message naming it in that message's channel; then the messages' references to
// those files are recorded as the server's projection records them, so their readers may
// download them. Bytes that do not hash to their record's SHA-256 (or are not its type) are
// refused and listed; a record without bytes in DIR stays as it was, no longer available. A
// store that fails (unreachable, full) is not a bad file: the import of files stops there with
// StoreFilesError, saying how many were stored.
import { stat } from "node:fs/promises";
import type { ExportFile } from "@openvibe/schema";
import type { AppContext } from "../context.ts";
import { attachments } from "../db/schema.ts";
import { ApiError } from "../errors.ts";
import { recordDocumentAttachments } from "../files/attachment-refs.ts";
import { BlobHashMismatchError, type BlobStore } from "../files/blob-store.ts";
import { keepFileContent } from "../files/file-content.ts";
import { forEachContentDocument } from "../split-migration/stored-documents.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { type ExportedAttachment, exportedAttachments, filePathIn } from "./files-directory.ts";

export interface RefusedFile {
  id: string;
  name: string;
  sha256: string;
  reason: string;
}

export interface ImportedFiles {
  /** Files stored (attachment records now downloadable). */
  files: number;
  bytes: number;
  /** Records whose bytes were not in the directory. */
  missing: number;
  refused: RefusedFile[];
}

export interface FileImportProgress {
  done: number;
  of: number;
}

export interface FileImportTarget {
  ctx: AppContext;
  blobs: BlobStore;
  /** The channel documents the import wrote. */
  documents: Pick<DocumentStore, "load">;
  /** Where thumbnails wait a moment on their way to the blob store. */
  scratchDir: string;
}

/** The blob store failed while files were being stored: those before it are kept. */
export class StoreFilesError extends Error {
  constructor(stored: number, of: number, cause: unknown) {
    super(
      `storing the files failed after ${stored} of ${of}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = "StoreFilesError";
  }
}

/** Whether `error` says the bytes are bad (not their hash, not their type), not the store. */
function isBadContent(error: unknown): boolean {
  return (
    error instanceof BlobHashMismatchError ||
    (error instanceof ApiError && error.code === "file_type_mismatch")
  );
}

/** The size of the regular file at `path`, or undefined when there is none. */
async function fileSize(path: string): Promise<number | undefined> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

async function storeFile(
  target: FileImportTarget,
  attachment: ExportedAttachment,
  path: string,
  size: number,
): Promise<void> {
  const { ctx } = target;
  const { record } = attachment;
  const kept = await keepFileContent(ctx, target.blobs, target.scratchDir, {
    path,
    sha256: record.sha256,
    size,
    declaredType: record.type,
  });
  const now = ctx.now();
  ctx.db
    .insert(attachments)
    .values({
      id: record.id,
      channelId: attachment.channelId,
      uploaderId: attachment.authorId,
      name: record.name,
      declaredType: record.type,
      size,
      sha256: record.sha256,
      received: size,
      status: "stored",
      ...kept,
      createdAt: now,
      storedAt: now,
    })
    .run();
}

export async function importFiles(
  target: FileImportTarget,
  file: ExportFile,
  dir: string,
  onProgress?: (progress: FileImportProgress) => void,
): Promise<ImportedFiles> {
  // One file per attachment id: the first message naming it is its upload's.
  const named = exportedAttachments(file);
  const byId = new Map<string, ExportedAttachment>();
  for (const attachment of named) {
    if (!byId.has(attachment.record.id)) byId.set(attachment.record.id, attachment);
  }
  const report: ImportedFiles = { files: 0, bytes: 0, missing: 0, refused: [] };
  const stored = new Set<string>();
  let done = 0;
  let storeFailure: StoreFilesError | undefined;
  for (const attachment of byId.values()) {
    const { record } = attachment;
    const path = filePathIn(dir, record.sha256);
    const size = await fileSize(path);
    if (size === undefined) {
      report.missing += 1;
    } else {
      try {
        await storeFile(target, attachment, path, size);
        stored.add(record.id);
        report.files += 1;
        report.bytes += size;
      } catch (error) {
        if (!isBadContent(error)) {
          storeFailure = new StoreFilesError(report.files, byId.size, error);
          break;
        }
        report.refused.push({
          id: record.id,
          name: record.name,
          sha256: record.sha256,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    done += 1;
    onProgress?.({ done, of: byId.size });
  }
  const channelsWithFiles = new Set(
    named.filter((a) => stored.has(a.record.id)).map((a) => a.channelId),
  );
  for (const channel of file.channels) {
    if (!channelsWithFiles.has(channel.id)) continue;
    forEachContentDocument(target.ctx.db.$client, target.documents, channel.id, (document) =>
      recordDocumentAttachments(target.ctx, document, channel.id, (id) => stored.has(id)),
    );
  }
  // The files stored before the store failed are recorded above: downloadable, not orphaned.
  if (storeFailure !== undefined) throw storeFailure;
  return report;
}
