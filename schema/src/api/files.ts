// Files in conversations over HTTP: starting an upload (the attachment record the client made,
// before any byte is sent), the upload's state, and what a download is told about its file.
import { z } from "zod";
import {
  isAttachmentId,
  isAttachmentName,
  isMimeType,
  isSha256,
  MAX_ATTACHMENT_NAME_LENGTH,
} from "../records/attachment.ts";

/** The most bytes one PATCH may carry; a client sends larger files in chunks this size or less. */
export const MAX_UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;
/** The Content-Type of an upload chunk (as in tus). */
export const UPLOAD_CHUNK_TYPE = "application/offset+octet-stream";
export const UPLOAD_OFFSET_HEADER = "Upload-Offset";
export const UPLOAD_LENGTH_HEADER = "Upload-Length";

export const createUploadRequest = z.strictObject({
  attachmentId: z.string().refine(isAttachmentId, "not a valid attachment id"),
  name: z
    .string()
    .refine(isAttachmentName, `a file name: 1 to ${MAX_ATTACHMENT_NAME_LENGTH} characters, no /`),
  type: z.string().refine(isMimeType, "a MIME type such as image/png"),
  size: z.number().int().min(0),
  sha256: z.string().refine(isSha256, "a lower-case hex SHA-256"),
});
export type CreateUploadRequest = z.infer<typeof createUploadRequest>;

export const UPLOAD_STATUSES = ["uploading", "stored"] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export interface UploadView {
  attachmentId: string;
  channelId: string;
  status: UploadStatus;
  /** Bytes received so far (the size once stored). */
  offset: number;
  size: number;
  /** The sniffed type once stored (the declared one until then). */
  type: string;
  width: number | null;
  height: number | null;
  /** Whether a thumbnail is served (images, and PDFs whose first page could be drawn). */
  thumbnail: boolean;
}
