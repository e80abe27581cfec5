// The projection that keeps `attachment_refs` in step with the channel documents (run once per
// turn by MessageProjections): which live messages name which files. A message posted with files
// adds its references (even before the files are uploaded: the client posts first when offline);
// a file taken off, or a tombstone, marks them removed, and downloads stop at once. The table is
// what downloads and garbage collection read, so neither has to load a document. Most changed
// messages have no files and never had any: one read per batch finds the few that had.
import { listSearchableMessages, type SearchableMessage } from "@openvibe/schema";
import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import type * as Y from "yjs";
import type {
  ChannelMessageBatch,
  MessageProjection,
} from "../collaboration/message-projections.ts";
import type { AppContext } from "../context.ts";
import { preparedPerDatabase } from "../db/prepared-per-database.ts";
import { attachmentRefs } from "../db/schema.ts";

export class AttachmentRefs implements MessageProjection {
  readonly projectionName = "attachment references";
  private readonly ctx: AppContext;

  constructor(ctx: AppContext) {
    this.ctx = ctx;
  }

  project(batch: ChannelMessageBatch): void {
    const withoutFiles: string[] = [];
    for (const id of batch.changed) {
      const message = batch.message(id);
      const ids = namedFiles(message);
      if (ids.length === 0) {
        // A message that just appeared names no file: nothing can refer to it yet.
        if (!batch.added.has(id)) withoutFiles.push(id);
        continue;
      }
      const authorId = message?.author.id ?? "";
      recordMessageAttachments(
        this.ctx,
        { channelId: batch.channelId, messageId: id, authorId },
        ids,
      );
    }
    // Those that name no file now: only the ones that named some before have anything to remove.
    if (withoutFiles.length === 0) return;
    const hadFiles = messagesWithLiveRefs(this.ctx.db)
      .all({ messageIds: JSON.stringify(withoutFiles) })
      .map((row) => row.messageId);
    for (const messageId of hadFiles) {
      const authorId = batch.message(messageId)?.author.id ?? "";
      recordMessageAttachments(this.ctx, { channelId: batch.channelId, messageId, authorId }, []);
    }
  }
}

/** The files a message names (a deleted or unknown message: none). */
function namedFiles(message: SearchableMessage | undefined): string[] {
  return message?.attachments.map((a) => a.id) ?? [];
}

/**
 * Records what every message of a channel document names, as the projection would have had the
 * document been live when it was written (`ovb import --files`), but only the files `kept` says
 * the server holds: one left out stays unnamed, so readers see it as no longer available rather
 * than as still uploading.
 */
export function recordDocumentAttachments(
  ctx: AppContext,
  document: Y.Doc,
  channelId: string,
  kept: (attachmentId: string) => boolean,
): void {
  for (const message of listSearchableMessages(document)) {
    const ids = namedFiles(message).filter(kept);
    if (ids.length === 0) continue;
    recordMessageAttachments(
      ctx,
      { channelId, messageId: message.id, authorId: message.author.id },
      ids,
    );
  }
}

const messagesWithLiveRefs = preparedPerDatabase((db) =>
  db
    .selectDistinct({ messageId: attachmentRefs.messageId })
    .from(attachmentRefs)
    .where(
      and(
        sql`${attachmentRefs.messageId} in (select value from json_each(${sql.placeholder("messageIds")}))`,
        isNull(attachmentRefs.removedAt),
      ),
    )
    .prepare(),
);

const liveRefOf = preparedPerDatabase((db) =>
  db
    .select({ attachmentId: attachmentRefs.attachmentId })
    .from(attachmentRefs)
    .where(
      and(
        eq(attachmentRefs.messageId, sql.placeholder("messageId")),
        isNull(attachmentRefs.removedAt),
      ),
    )
    .limit(1)
    .prepare(),
);

/** The message now names exactly `attachmentIds`: adds those new, marks those gone removed. */
export function recordMessageAttachments(
  ctx: AppContext,
  message: { channelId: string; messageId: string; authorId: string },
  attachmentIds: readonly string[],
): void {
  const { channelId, messageId, authorId } = message;
  // Most changes are to messages without files (every message posted, every token of a streamed
  // reply): nothing to write, so no write transaction on the update path (it was a sixth of
  // the server's CPU per update in scripts/bench/one-writer.ts --prof).
  if (attachmentIds.length === 0 && liveRefOf(ctx.db).get({ messageId }) === undefined) return;
  const now = ctx.now();
  ctx.db.transaction((tx) => {
    for (const attachmentId of attachmentIds) {
      tx.insert(attachmentRefs)
        .values({ attachmentId, messageId, channelId, authorId, createdAt: now })
        .onConflictDoNothing()
        .run();
    }
    tx.update(attachmentRefs)
      .set({ removedAt: now })
      .where(
        and(
          eq(attachmentRefs.messageId, messageId),
          isNull(attachmentRefs.removedAt),
          attachmentIds.length === 0
            ? undefined
            : notInArray(attachmentRefs.attachmentId, [...attachmentIds]),
        ),
      )
      .run();
  });
}
