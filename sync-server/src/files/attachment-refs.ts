// Hocuspocus extension that keeps `attachment_refs` in step with the channel documents: which
// live messages name which files. A message posted with files adds its references (even before
// the files are uploaded: the client posts first when offline); a file taken off, or a tombstone,
// marks them removed, and downloads stop at once. The table is what downloads and garbage
// collection read, so neither has to load a document.
import {
  listSearchableMessages,
  observeMessageContent,
  readSearchableMessage,
  type SearchableMessage,
} from "@openvibe/schema";
import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import type * as Y from "yjs";
import { ChannelWatcher } from "../collaboration/channel-watcher.ts";
import type { AppContext } from "../context.ts";
import { preparedPerDatabase } from "../db/prepared-per-database.ts";
import { attachmentRefs } from "../db/schema.ts";
import type { Logger } from "../logger.ts";

export class AttachmentRefs extends ChannelWatcher {
  readonly extensionName = "openvibe-attachment-refs";
  private readonly ctx: AppContext;
  private readonly logger: Logger;

  constructor(ctx: AppContext, logger: Logger) {
    super();
    this.ctx = ctx;
    this.logger = logger;
  }

  protected watch(document: Y.Doc, channelId: string): () => void {
    return observeMessageContent(document, ({ messageIds }) => {
      // Runs inside Yjs's update handling: a throw here would break applying the peer's update.
      try {
        for (const id of messageIds) {
          const message = readSearchableMessage(document, id);
          recordMessageAttachments(
            this.ctx,
            { channelId, messageId: id, authorId: message?.author.id ?? "" },
            namedFiles(message),
          );
        }
      } catch (error) {
        this.logger.error({ err: error, channelId }, "could not record a message's files");
      }
    });
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
