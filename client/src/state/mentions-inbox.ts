// The Mentions view's list: the server's mentions inbox (every channel, whether or not this
// browser holds its documents; the last copy is kept for offline use) joined with the mentions
// found in the locally held documents (messages not on the server yet, or not indexed yet, and
// the current text of edited ones). One entry per message, newest first.
import type { Actor, MentionItem, Stamp } from "@openvibe/schema";
import type { ThreadPlace } from "./unread.ts";
import type { MentionEntry } from "./unread-tracker.ts";

export interface InboxEntry extends ThreadPlace {
  messageId: string;
  forkId: string | null;
  threadTitle: string;
  author: Actor;
  createdAt: Stamp;
  /** Plain text (render as text). */
  excerpt: string;
  unread: boolean;
}

const EXCERPT_CHARS = 300;

function fromLocal(entry: MentionEntry): InboxEntry {
  const { message } = entry;
  return {
    channelId: entry.channelId,
    threadId: entry.threadId,
    messageId: message.id,
    forkId: message.forkId,
    threadTitle: entry.threadTitle,
    author: message.author,
    createdAt: message.createdAt,
    excerpt: message.body.slice(0, EXCERPT_CHARS),
    unread: entry.unread,
  };
}

function fromServer(
  item: MentionItem,
  isUnread: (place: ThreadPlace, createdAt: Stamp) => boolean,
): InboxEntry {
  return {
    channelId: item.channelId,
    threadId: item.threadId,
    messageId: item.messageId,
    forkId: item.forkId,
    threadTitle: item.threadTitle,
    author: item.author,
    createdAt: item.createdAt,
    excerpt: item.excerpt,
    unread: isUnread(item, item.createdAt),
  };
}

/** Newest first; where both know a message, the local copy wins (it is the current text). */
export function mergeMentions(
  server: readonly MentionItem[],
  local: readonly MentionEntry[],
  isUnread: (place: ThreadPlace, createdAt: Stamp) => boolean,
): InboxEntry[] {
  const byId = new Map<string, InboxEntry>();
  for (const item of server) byId.set(item.messageId, fromServer(item, isUnread));
  for (const entry of local) byId.set(entry.message.id, fromLocal(entry));
  return [...byId.values()].sort((a, b) =>
    a.createdAt === b.createdAt
      ? b.messageId.localeCompare(a.messageId)
      : b.createdAt.localeCompare(a.createdAt),
  );
}
