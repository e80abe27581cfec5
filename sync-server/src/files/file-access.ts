// Who may do what with a file. Uploading needs write access to the channel; reading needs read
// access to it on every request, and a live message by the uploader in that channel naming the
// file (a tombstone, a removed file, a lost membership or a deleted channel each end it). Every
// refusal a caller could learn something from is the same 404.
import { and, eq, isNull } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { channelFacts, getChannel, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { attachmentRefs, attachments } from "../db/schema.ts";
import { ApiError, notFound } from "../errors.ts";
import { documentAccess } from "../permissions/permissions.ts";

export type AttachmentRow = typeof attachments.$inferSelect;

function accessTo(ctx: AppContext, user: UserRecord, channelId: string) {
  const channel = getChannel(ctx, channelId);
  if (channel === undefined) return "none";
  return documentAccess(user, channelFacts(channel), isMember(ctx, channel.id, user.id));
}

/** Throws unless `user` may attach files in the channel (404 when they cannot even see it). */
export function assertMayUpload(ctx: AppContext, user: UserRecord, channelId: string): void {
  const access = accessTo(ctx, user, channelId);
  if (access === "none") throw notFound("channel");
  if (access !== "write") throw new ApiError("forbidden", "you cannot post in this channel");
}

export function findAttachment(ctx: AppContext, id: string): AttachmentRow | undefined {
  return ctx.db.select().from(attachments).where(eq(attachments.id, id)).get();
}

/** The uploader's own upload (anyone else: 404). */
export function ownUpload(ctx: AppContext, user: UserRecord, id: string): AttachmentRow {
  const row = findAttachment(ctx, id);
  if (row === undefined || row.uploaderId !== user.id) throw notFound("upload");
  return row;
}

function hasLiveReference(ctx: AppContext, row: AttachmentRow): boolean {
  return (
    ctx.db
      .select({ messageId: attachmentRefs.messageId })
      .from(attachmentRefs)
      .where(
        and(
          eq(attachmentRefs.attachmentId, row.id),
          eq(attachmentRefs.channelId, row.channelId),
          eq(attachmentRefs.authorId, row.uploaderId),
          isNull(attachmentRefs.removedAt),
        ),
      )
      .get() !== undefined
  );
}

/**
 * Whether a live message in a channel `user` may read names attachment `id` (posted, perhaps
 * offline, before its upload started).
 */
function namedInReadableChannel(ctx: AppContext, user: UserRecord, id: string): boolean {
  return ctx.db
    .select({ channelId: attachmentRefs.channelId })
    .from(attachmentRefs)
    .where(and(eq(attachmentRefs.attachmentId, id), isNull(attachmentRefs.removedAt)))
    .all()
    .some(({ channelId }) => accessTo(ctx, user, channelId) !== "none");
}

const pending = () => new ApiError("file_pending", "the file is still being uploaded");

/** A stored file `user` may read now; 404 otherwise, 409 while its bytes are still coming. */
export function readableAttachment(ctx: AppContext, user: UserRecord, id: string): AttachmentRow {
  const row = findAttachment(ctx, id);
  if (row === undefined) {
    throw namedInReadableChannel(ctx, user, id) ? pending() : notFound("file");
  }
  if (accessTo(ctx, user, row.channelId) === "none") throw notFound("file");
  if (!hasLiveReference(ctx, row)) throw notFound("file");
  if (row.status !== "stored") throw pending();
  return row;
}
