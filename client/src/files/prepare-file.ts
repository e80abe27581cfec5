// A file the person picked, dropped or pasted, made into its attachment record in the browser:
// an id, its SHA-256 and size, its type, and an image's upright dimensions. Nothing here needs
// the server, so a message with files can be posted offline.
import { type Attachment, isAttachmentName, isImageAttachment, isMimeType } from "@openvibe/schema";
import { fileSha256 } from "./file-sha256.ts";

export interface PreparedFile {
  record: Attachment;
  blob: Blob;
}

/** A name the record accepts: the file's own, or one made up for a pasted screenshot. */
export function attachmentName(file: File, now = new Date()): string {
  const trimmed = file.name.replace(/[\\/]/g, "_").slice(-200);
  if (isAttachmentName(trimmed)) return trimmed;
  const extension = file.type.split("/")[1]?.replace(/[^a-z0-9]/g, "") ?? "bin";
  return `pasted-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.${extension}`;
}

async function imageSize(blob: Blob): Promise<{ width: number; height: number } | undefined> {
  try {
    // "from-image": the EXIF orientation is applied, as the server's thumbnail does.
    const bitmap = await createImageBitmap(blob, { imageOrientation: "from-image" });
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return undefined;
  }
}

export async function prepareFile(file: File): Promise<PreparedFile> {
  const type = isMimeType(file.type) ? file.type : "application/octet-stream";
  const sha256 = await fileSha256(file);
  const record: Attachment = {
    id: crypto.randomUUID(),
    name: attachmentName(file),
    type,
    size: file.size,
    sha256,
  };
  const size = isImageAttachment(record) ? await imageSize(file) : undefined;
  return { record: size === undefined ? record : { ...record, ...size }, blob: file };
}
