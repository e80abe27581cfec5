// Context items as people use them: a channel's list (its threads' items, its own, the
// workspace's), "Remember this" on a message, edit, merge and delete. Every call checks that the
// caller can read the item's scope (else 404, as for a missing item) and, to change it, that they
// may manage it (its author or an admin: canManageContextItem). An admin's change to another's
// item is recorded in the audit log.
import {
  type ContextItemPlace,
  type ContextItemView,
  type CreateContextItemRequest,
  canManageContextItem,
  type MergeContextItemsRequest,
  mergedPlace,
  type UpdateContextItemRequest,
} from "@openvibe/schema";
import { and, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { channelFacts, isMember, requireVisibleChannel } from "../channels/channels.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { contextItems, searchMessages, users } from "../db/schema.ts";
import { ApiError, invalidField, notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import { documentAccess } from "../permissions/permissions.ts";
import {
  canReadChannelItems,
  canReadPlace,
  canReadWorkspaceItems,
  mayShareWithWorkspace,
} from "./visibility.ts";

export type ItemRow = typeof contextItems.$inferSelect;
type Author = Pick<UserRecord, "id" | "handle" | "displayName" | "kind">;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Where an item's message is, when `reader` may read that channel: a workspace item's reader may
 * not be in the (public) channel it came from, and gets no link into it.
 */
function sourceFor(ctx: AppContext, reader: UserRecord, row: ItemRow) {
  const hidden =
    row.sourceChannelId !== null &&
    row.sourceChannelId !== row.channelId &&
    !canReadChannelItems(ctx, reader, row.sourceChannelId);
  return hidden
    ? {
        sourceChannelId: null,
        sourceThreadId: null,
        sourceMessageForkId: null,
        sourceMessageId: null,
      }
    : {
        sourceChannelId: row.sourceChannelId,
        sourceThreadId: row.sourceThreadId,
        sourceMessageForkId: row.sourceMessageForkId,
        sourceMessageId: row.sourceMessageId,
      };
}

/** The item as `reader` (who may read its scope) gets it. */
export function toItemView(
  ctx: AppContext,
  reader: UserRecord,
  row: ItemRow,
  author: Author,
): ContextItemView {
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    scope: row.scope,
    channelId: row.channelId,
    threadId: row.threadId,
    source: row.source,
    ...sourceFor(ctx, reader, row),
    sourceForkId: row.sourceForkId,
    sourceTaskId: row.sourceTaskId,
    author: {
      id: author.id,
      handle: author.handle,
      displayName: author.displayName,
      kind: author.kind,
    },
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    canManage: canManageContextItem(reader, row),
  };
}

/** Each of `words` (or phrases) is in the item's text (case-insensitive for ASCII, as LIKE is). */
export function holdingWords(words: readonly string[]): SQL | undefined {
  const kept = words.filter((word) => word !== "");
  if (kept.length === 0) return undefined;
  const escaped = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);
  return and(
    ...kept.map((word) => sql`${contextItems.text} LIKE ${`%${escaped(word)}%`} ESCAPE '\\'`),
  );
}

/** The filter box's words, each of which an item's text must hold. */
function matching(q: string | undefined): SQL | undefined {
  return holdingWords((q ?? "").split(/\s+/));
}

/**
 * The items a reader of channel `channelId` sees there, newest first: the channel's (its threads'
 * and its own) and, when `withWorkspace`, the workspace's. The caller checked the reading.
 */
export function itemsOfChannel(
  ctx: AppContext,
  channelId: string,
  withWorkspace: boolean,
  q?: string,
): { row: ItemRow; author: Author }[] {
  const inScope = withWorkspace
    ? or(eq(contextItems.channelId, channelId), isNull(contextItems.channelId))
    : eq(contextItems.channelId, channelId);
  return ctx.db
    .select({ row: contextItems, author: users })
    .from(contextItems)
    .innerJoin(users, eq(users.id, contextItems.authorId))
    .where(and(inScope, matching(q)))
    .orderBy(desc(contextItems.createdAt), desc(contextItems.id))
    .all();
}

/** GET /api/channels/{id}/context-items. */
export function listChannelItems(
  ctx: AppContext,
  reader: UserRecord,
  channelId: string,
  q?: string,
): ContextItemView[] {
  requireVisibleChannel(ctx, reader, channelId);
  if (!canReadChannelItems(ctx, reader, channelId)) throw notFound("channel");
  return itemsOfChannel(ctx, channelId, canReadWorkspaceItems(reader), q).map(({ row, author }) =>
    toItemView(ctx, reader, row, author),
  );
}

/** Tells open pages that the items of `channelId` (null: the workspace's) changed. */
export function itemsChanged(ctx: AppContext, channelId: string | null): void {
  ctx.accessChanges.emit(
    channelId === null
      ? { kind: "context-items-changed" }
      : { kind: "context-items-changed", channelId },
  );
}

/**
 * Stores a new item under `id` when given, inside the caller's change (commit-change.ts), which
 * checked who may make it.
 */
export function insertItem(
  ctx: AppContext,
  values: Omit<ItemRow, "id" | "createdAt" | "updatedAt">,
  id: string = newId(),
): ItemRow {
  const now = ctx.now();
  const row = ctx.db
    .insert(contextItems)
    .values({ ...values, id, createdAt: now, updatedAt: now })
    .returning()
    .get();
  itemsChanged(ctx, row.channelId);
  return row;
}

/**
 * "Remember this": an item from a message of the channel, by someone who may write there. The
 * message's thread comes from the search index when it has the message (a message of another
 * channel is refused); a message not indexed yet keeps the thread the request names.
 */
export function rememberMessage(
  ctx: AppContext,
  user: UserRecord,
  channelId: string,
  request: CreateContextItemRequest,
): ContextItemView {
  return commitChange(ctx, () => {
    const channel = requireVisibleChannel(ctx, user, channelId);
    const access = documentAccess(user, channelFacts(channel), isMember(ctx, channelId, user.id));
    if (access === "none") throw notFound("channel");
    if (access !== "write") throw new ApiError("forbidden", "you cannot write in this channel");
    const indexed = ctx.db
      .select({
        channelId: searchMessages.channelId,
        threadId: searchMessages.threadId,
        forkId: searchMessages.forkId,
      })
      .from(searchMessages)
      .where(eq(searchMessages.messageId, request.messageId))
      .get();
    if (indexed !== undefined && indexed.channelId !== channelId) throw notFound("message");
    if (request.scope === "workspace" && !mayShareWithWorkspace(ctx, channelId)) {
      throw invalidField("scope", "a private channel's message cannot become a workspace item");
    }
    const threadId = indexed?.threadId ?? request.threadId;
    if (request.itemId !== undefined) {
      const made = ctx.db
        .select()
        .from(contextItems)
        .where(eq(contextItems.id, request.itemId))
        .get();
      if (made !== undefined) {
        // Sent again: the item it made; an id someone else's item holds is not theirs to reuse.
        if (made.authorId !== user.id || made.sourceMessageId !== request.messageId) {
          throw new ApiError("conflict", "this item id is taken");
        }
        return toItemView(ctx, user, made, user);
      }
    }
    const row = insertItem(
      ctx,
      {
        kind: request.kind,
        text: request.text,
        ...placeOf(request.scope, channelId, threadId),
        source: "message",
        sourceChannelId: channelId,
        sourceThreadId: threadId,
        sourceMessageForkId: indexed === undefined ? request.forkId : indexed.forkId,
        sourceMessageId: request.messageId,
        sourceForkId: null,
        sourceTaskId: null,
        authorId: user.id,
      },
      request.itemId,
    );
    return toItemView(ctx, user, row, user);
  });
}

/** Where an item of `scope` made in a channel's thread goes. */
export function placeOf(
  scope: ContextItemPlace["scope"],
  channelId: string,
  threadId: string,
): ContextItemPlace {
  if (scope === "workspace") return { scope, channelId: null, threadId: null };
  if (scope === "channel") return { scope, channelId, threadId: null };
  return { scope, channelId, threadId };
}

/** The item if `user` may read it, else not_found (whether it exists or not). */
function requireReadable(ctx: AppContext, user: UserRecord, id: string): ItemRow {
  const row = ctx.db.select().from(contextItems).where(eq(contextItems.id, id)).get();
  if (row === undefined || !canReadPlace(ctx, user, row)) throw notFound("context item");
  return row;
}

function requireManageable(ctx: AppContext, user: UserRecord, id: string): ItemRow {
  const row = requireReadable(ctx, user, id);
  if (!canManageContextItem(user, row)) {
    throw new ApiError("forbidden", "only the item's author or an admin may change it");
  }
  return row;
}

/** An admin changing another's item is moderation: the audit log keeps it, with the old text. */
function auditModeration(ctx: AppContext, user: UserRecord, row: ItemRow, verb: string): void {
  if (row.authorId === user.id) return;
  recordAudit(ctx, {
    actorId: user.id,
    action: `context_item.${verb}`,
    targetType: "context_item",
    targetId: row.id,
    details: { authorId: row.authorId, channelId: row.channelId, text: row.text },
  });
}

function authorOf(ctx: AppContext, row: ItemRow): Author {
  const author = ctx.db.select().from(users).where(eq(users.id, row.authorId)).get();
  if (author === undefined) throw notFound("user");
  return author;
}

export function updateItem(
  ctx: AppContext,
  user: UserRecord,
  id: string,
  request: UpdateContextItemRequest,
): ContextItemView {
  return commitChange(ctx, () => {
    const before = requireManageable(ctx, user, id);
    auditModeration(ctx, user, before, "edited");
    const row = ctx.db
      .update(contextItems)
      .set({
        ...(request.kind === undefined ? {} : { kind: request.kind }),
        ...(request.text === undefined ? {} : { text: request.text }),
        updatedAt: ctx.now(),
      })
      .where(eq(contextItems.id, id))
      .returning()
      .get();
    if (row === undefined) throw notFound("context item");
    itemsChanged(ctx, row.channelId);
    return toItemView(ctx, user, row, authorOf(ctx, row));
  });
}

export function deleteItem(ctx: AppContext, user: UserRecord, id: string): void {
  commitChange(ctx, () => {
    const row = requireManageable(ctx, user, id);
    auditModeration(ctx, user, row, "deleted");
    ctx.db.delete(contextItems).where(eq(contextItems.id, id)).run();
    itemsChanged(ctx, row.channelId);
  });
}

/** Two or more items the caller manages become one new item (by the caller); they go. */
export function mergeItems(
  ctx: AppContext,
  user: UserRecord,
  request: MergeContextItemsRequest,
): ContextItemView {
  return commitChange(ctx, () => {
    const rows = request.ids.map((id) => requireManageable(ctx, user, id));
    for (const row of rows) auditModeration(ctx, user, row, "merged");
    const place = mergedPlace(rows);
    if (place === null) {
      throw new ApiError("conflict", "items of two channels cannot be merged");
    }
    const row = insertItem(ctx, {
      kind: request.kind,
      text: request.text,
      ...place,
      source: "merge",
      sourceChannelId: null,
      sourceThreadId: null,
      sourceMessageForkId: null,
      sourceMessageId: null,
      sourceForkId: null,
      sourceTaskId: null,
      authorId: user.id,
    });
    ctx.db.delete(contextItems).where(inArray(contextItems.id, request.ids)).run();
    for (const channelId of new Set(rows.map((merged) => merged.channelId))) {
      if (channelId !== row.channelId) itemsChanged(ctx, channelId);
    }
    return toItemView(ctx, user, row, user);
  });
}
