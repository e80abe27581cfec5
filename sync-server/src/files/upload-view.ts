import type { UploadView } from "@openvibe/schema";
import type { AttachmentRow } from "./file-access.ts";

export function toUploadView(row: AttachmentRow): UploadView {
  return {
    attachmentId: row.id,
    channelId: row.channelId,
    status: row.status,
    offset: row.received,
    size: row.size,
    type: row.type,
    width: row.width,
    height: row.height,
    thumbnail: row.thumbnailSha256 !== null,
  };
}
