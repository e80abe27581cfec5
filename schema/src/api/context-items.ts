// Context items (the shared memory): short pieces of distilled knowledge (a decision, a fact or
// an action item) with a scope (a thread, a channel or the whole workspace), a source (the
// message, fork resolution or agent task that produced it, or a merge of others), an author and a
// time. They live in the server's database, not in a channel document (a workspace item belongs
// to no channel); the API checks who may read their scope on every read.
import { z } from "zod";
import { id } from "./fields.ts";

export const CONTEXT_ITEM_KINDS = ["decision", "fact", "action"] as const;
export type ContextItemKind = (typeof CONTEXT_ITEM_KINDS)[number];

export const CONTEXT_SCOPES = ["thread", "channel", "workspace"] as const;
export type ContextScope = (typeof CONTEXT_SCOPES)[number];

/** What produced an item: "Remember this" on a message, a fork's resolution, an agent, a merge. */
export const CONTEXT_SOURCES = ["message", "fork", "agent", "merge"] as const;
export type ContextSource = (typeof CONTEXT_SOURCES)[number];

/** An item's text is short: a sentence or a paragraph, not a message's whole history. */
export const MAX_CONTEXT_ITEM_LENGTH = 2_000;

/** Items merged into one at most. */
export const MAX_MERGED_ITEMS = 20;

const text = z
  .string()
  .trim()
  .min(1, "an item cannot be empty")
  .max(MAX_CONTEXT_ITEM_LENGTH, `an item has at most ${MAX_CONTEXT_ITEM_LENGTH} characters`);

const kind = z.enum(CONTEXT_ITEM_KINDS);

/**
 * POST /api/channels/{id}/context-items: "Remember this" on a message of the channel. Scope
 * "workspace" only for a public channel's message (a private channel's words stay with its
 * members).
 */
export const createContextItemRequest = z.strictObject({
  kind,
  text,
  scope: z.enum(CONTEXT_SCOPES),
  threadId: id,
  /** The fork the message is in; null: the thread's main line. */
  forkId: id.nullable().default(null),
  messageId: id,
  /**
   * The item's id, chosen by the browser so that a request sent again (queued offline, its
   * answer lost) makes the item once: the same request again answers the item made.
   */
  itemId: id.optional(),
});

/** PATCH /api/context-items/{id}: a new kind or text. */
export const updateContextItemRequest = z
  .strictObject({ kind: kind.optional(), text: text.optional() })
  .refine((body) => body.kind !== undefined || body.text !== undefined, {
    message: "give a kind or a text",
  });

/** POST /api/context-items/merge: two or more items become one (mergedScope), the rest go. */
export const mergeContextItemsRequest = z.strictObject({
  ids: z
    .array(id)
    .min(2, "merge at least two items")
    .max(MAX_MERGED_ITEMS)
    .refine((ids) => new Set(ids).size === ids.length, "name each item once"),
  kind,
  text,
});

/** GET /api/channels/{id}/context-items: `q` keeps the items whose text holds every word. */
export const contextItemsQuery = z.object({
  q: z.string().trim().max(200).optional(),
});

/** POST /api/bridge/tasks/{id}/context-items: the agent's `remember` tool (thread: the task's). */
export const rememberRequest = z.strictObject({
  attempt: z.number().int().min(1),
  kind,
  text,
  scope: z.enum(CONTEXT_SCOPES),
});

export type CreateContextItemRequest = z.infer<typeof createContextItemRequest>;
export type UpdateContextItemRequest = z.infer<typeof updateContextItemRequest>;
export type MergeContextItemsRequest = z.infer<typeof mergeContextItemsRequest>;
export type ContextItemsQuery = z.infer<typeof contextItemsQuery>;
export type RememberRequest = z.infer<typeof rememberRequest>;

/** Where an item is visible: a channel's thread, a channel, or the workspace (no channel). */
export interface ContextItemPlace {
  scope: ContextScope;
  /** Null for the workspace scope. */
  channelId: string | null;
  /** Set for the thread scope only. */
  threadId: string | null;
}

export interface ContextItemView extends ContextItemPlace {
  id: string;
  kind: ContextItemKind;
  text: string;
  source: ContextSource;
  /**
   * Where the message it came from is: the one remembered, the fork's summary, or the mention
   * the agent answered (null for a merge).
   */
  sourceChannelId: string | null;
  sourceThreadId: string | null;
  /** The fork that message is in; null: the thread's main line. */
  sourceMessageForkId: string | null;
  sourceMessageId: string | null;
  sourceForkId: string | null;
  sourceTaskId: string | null;
  author: { id: string; handle: string; displayName: string; kind: "human" | "agent" };
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** Whether the reader may edit, merge and delete it (canManageContextItem). */
  canManage: boolean;
}

/** The items a reader sees from a channel: its threads', its own and the workspace's, newest first. */
export interface ContextItemList {
  items: ContextItemView[];
}

/** Who may edit, merge and delete an item: its author, and workspace admins (moderation). */
export function canManageContextItem(
  user: { id: string; role: string },
  item: { authorId: string },
): boolean {
  return user.role === "admin" || user.id === item.authorId;
}

/**
 * The place of the item that merges `items`, or null when they cannot merge: items of two
 * channels never merge (either channel's words would reach the other's readers). A workspace item
 * merged with a channel's is narrowed to that channel (or its thread); items of one thread stay in it.
 */
export function mergedPlace(items: readonly ContextItemPlace[]): ContextItemPlace | null {
  const channels = new Set(
    items.flatMap((item) => (item.channelId === null ? [] : [item.channelId])),
  );
  if (channels.size > 1) return null;
  const [channelId] = [...channels];
  if (channelId === undefined) return { scope: "workspace", channelId: null, threadId: null };
  const threads = new Set(items.filter((i) => i.channelId !== null).map((i) => i.threadId));
  const [threadId] = [...threads];
  if (threads.size === 1 && threadId !== undefined && threadId !== null) {
    return { scope: "thread", channelId, threadId };
  }
  return { scope: "channel", channelId, threadId: null };
}

/** A message's body cut to an item's length (for "Remember this"). */
export function itemTextOf(body: string): string {
  const trimmed = body.trim();
  if (trimmed.length <= MAX_CONTEXT_ITEM_LENGTH) return trimmed;
  return `${trimmed.slice(0, MAX_CONTEXT_ITEM_LENGTH - 1)}…`;
}
