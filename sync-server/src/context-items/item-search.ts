// Context items in the search box's answers (GET /api/search): on the first page of a query
// without filters, the items holding every word and phrase of it that the caller can read (their
// readable channels' and, unless a guest, the workspace's), newest first.
import { type ContextItemView, isEmptySearch, parseSearchQuery } from "@openvibe/schema";
import { and, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { readableChannels } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { contextItems, users } from "../db/schema.ts";
import { holdingWords, toItemView } from "./context-items.ts";
import { canReadWorkspaceItems } from "./visibility.ts";

export const SEARCHED_ITEMS_LIMIT = 5;

export function searchContextItems(
  ctx: AppContext,
  user: UserRecord,
  q: string,
): ContextItemView[] {
  const parsed = parseSearchQuery(q);
  const { terms } = parsed;
  const filtered = !isEmptySearch({ ...parsed, terms: [] });
  if (filtered || terms.length === 0) return [];
  const channelIds = readableChannels(ctx, user).map((channel) => channel.id);
  const inScope = or(
    channelIds.length === 0 ? undefined : inArray(contextItems.channelId, channelIds),
    canReadWorkspaceItems(user) ? isNull(contextItems.channelId) : undefined,
  );
  if (inScope === undefined) return [];
  return ctx.db
    .select({ row: contextItems, author: users })
    .from(contextItems)
    .innerJoin(users, eq(users.id, contextItems.authorId))
    .where(and(inScope, holdingWords(terms.map((term) => term.text))))
    .orderBy(desc(contextItems.createdAt), desc(contextItems.id))
    .limit(SEARCHED_ITEMS_LIMIT)
    .all()
    .map(({ row, author }) => toItemView(ctx, user, row, author));
}
