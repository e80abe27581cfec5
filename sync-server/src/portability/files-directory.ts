// The files directory beside an export (`ovb export --files DIR`, `ovb import FILE --files DIR`):
// each file's bytes as `DIR/<sha256>`, once however many messages name them. An export's files
// are the ones its live messages name (a deleted message names none, as for downloads).
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Attachment, ExportFile } from "@openvibe/schema";

export interface ExportedAttachment {
  channelId: string;
  messageId: string;
  /** The message's author: the file's uploader (downloads need a message by them naming it). */
  authorId: string;
  record: Attachment;
}

export function filePathIn(dir: string, sha256: string): string {
  return join(dir, sha256);
}

/** Every file record of the export's live messages, in the export's order. */
export function exportedAttachments(file: ExportFile): ExportedAttachment[] {
  return file.channels.flatMap((channel) =>
    channel.content.messages.flatMap((message) =>
      message.deletedAt !== null
        ? []
        : (message.attachments ?? []).map((record) => ({
            channelId: channel.id,
            messageId: message.id,
            authorId: message.author.id,
            record,
          })),
    ),
  );
}

/** The bytes of the export's files present in `dir`, each counted once. */
export function bytesOfFilesIn(dir: string, file: ExportFile): number {
  let bytes = 0;
  const hashes = new Set(exportedAttachments(file).map((a) => a.record.sha256));
  for (const sha256 of hashes) {
    const stats = statSync(filePathIn(dir, sha256), { throwIfNoEntry: false });
    if (stats?.isFile() === true) bytes += stats.size;
  }
  return bytes;
}
