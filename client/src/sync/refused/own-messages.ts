// A person's own messages in a channel copy, and which of them a server's copy lacks. A message
// whose id the server holds was accepted earlier (ids are unique), whatever its text there now.
import { getMessage, listSearchableMessages } from "@openvibe/schema";
import type * as Y from "yjs";
import type { OwnMessage } from "../../local/database.ts";

/** The live messages `authorId` wrote in `doc`, in display order. */
export function ownMessages(doc: Y.Doc, authorId: string): OwnMessage[] {
  return listSearchableMessages(doc)
    .filter((m) => m.author.kind === "human" && m.author.id === authorId && !m.deleted)
    .map(({ id, threadId, forkId, body, createdAt }) => ({
      id,
      threadId,
      forkId,
      body,
      createdAt,
    }));
}

/** Whether `doc` holds a re-post of `message` (made with its `repostId`). */
export function holdsRepost(doc: Y.Doc, message: OwnMessage): boolean {
  return message.repostId !== undefined && getMessage(doc, message.repostId) !== undefined;
}

/** The messages of `messages` that `serverDoc` does not hold, as written or as re-posted. */
export function unsentMessages(messages: readonly OwnMessage[], serverDoc: Y.Doc): OwnMessage[] {
  return messages.filter(
    (message) =>
      getMessage(serverDoc, message.id) === undefined && !holdsRepost(serverDoc, message),
  );
}
