// Context items in exports and imports: a channel's (its threads' and its own) with the channel,
// the workspace's at the top of a workspace export. Kept with their ids, authors and times.
import type { ExportedContextItem } from "@openvibe/schema";
import { asc, eq, isNull } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { contextItems } from "../db/schema.ts";

type ItemRow = typeof contextItems.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();

function toExported(row: ItemRow): ExportedContextItem {
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    threadId: row.threadId,
    source: row.source,
    sourceChannelId: row.sourceChannelId,
    sourceThreadId: row.sourceThreadId,
    sourceMessageForkId: row.sourceMessageForkId,
    sourceMessageId: row.sourceMessageId,
    sourceForkId: row.sourceForkId,
    sourceTaskId: row.sourceTaskId,
    authorId: row.authorId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The items of channel `channelId` (null: the workspace's), oldest first. */
export function exportContextItems(
  ctx: AppContext,
  channelId: string | null,
): ExportedContextItem[] {
  return ctx.db
    .select()
    .from(contextItems)
    .where(
      channelId === null ? isNull(contextItems.channelId) : eq(contextItems.channelId, channelId),
    )
    .orderBy(asc(contextItems.createdAt), asc(contextItems.id))
    .all()
    .map(toExported);
}

/** The row an exported item becomes, in channel `channelId` (null: the workspace). */
export function importedItemRow(
  item: ExportedContextItem,
  channelId: string | null,
): typeof contextItems.$inferInsert {
  const scope = channelId === null ? "workspace" : item.threadId === null ? "channel" : "thread";
  return {
    ...item,
    scope,
    channelId,
    threadId: channelId === null ? null : item.threadId,
    createdAt: Date.parse(item.createdAt),
    updatedAt: Date.parse(item.updatedAt),
  };
}
