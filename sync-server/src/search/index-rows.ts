// Channel messages as search rows: what the projection, the rebuild and the catch-up write.
import {
  type Actor,
  hasLink,
  isImageAttachment,
  listSearchableMessages,
  type SearchableMessage,
  stampWallTime,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { toIndexText } from "./index-text.ts";
import type { IndexRow } from "./search-index.ts";

export function toIndexRow(channelId: string, message: SearchableMessage): IndexRow {
  return {
    messageId: message.id,
    channelId,
    threadId: message.threadId,
    threadTitle: message.threadTitle,
    forkId: message.forkId,
    authorId: message.author.id,
    authorKind: message.author.kind,
    createdAt: message.createdAt,
    createdMs: stampWallTime(message.createdAt) ?? 0,
    pinned: message.pinned,
    hasFork: message.hasFork,
    hasFile: message.attachments.length > 0,
    hasImage: message.attachments.some(isImageAttachment),
    // File names are searchable words of the message, after its text.
    body: toIndexText(
      [message.body, ...message.attachments.map((a) => a.name)]
        .filter((part) => part.trim() !== "")
        .join("\n"),
    ),
    hasLink: hasLink(message.body),
    mentions: message.mentions,
  };
}

/** Whether a message belongs in the index at all: live, with some text or some file. */
export function isIndexable(message: SearchableMessage | undefined): message is SearchableMessage {
  return (
    message !== undefined &&
    !message.deleted &&
    (message.body.trim() !== "" || message.attachments.length > 0)
  );
}

/** The author of an indexed row, as an actor. */
export function indexedAuthor(row: { authorKind: string; authorId: string }): Actor {
  const kind = row.authorKind === "agent" || row.authorKind === "system" ? row.authorKind : "human";
  return { kind, id: row.authorId };
}

/** A document's messages as the index holds them: rows for those indexable, ids of the others. */
export function documentIndexRows(
  channelId: string,
  doc: Y.Doc,
): { rows: IndexRow[]; removed: string[] } {
  const rows: IndexRow[] = [];
  const removed: string[] = [];
  for (const message of listSearchableMessages(doc)) {
    const { id } = message;
    if (isIndexable(message)) rows.push(toIndexRow(channelId, message));
    else removed.push(id);
  }
  return { rows, removed };
}
