import type * as Y from "yjs";
import { type Actor, sameActor } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import { defaultEnv, type Env, freshId } from "../ids.ts";
import { messagesMap } from "../layout.ts";
import { requireMessage } from "../records/lookup.ts";
import {
  insertMessage,
  writeEdit,
  writePreviewRemoved,
  writeTombstone,
} from "../records/message.ts";
import { insertMessageVersion, removeMessageVersions } from "../records/message-version.ts";
import { assertBody } from "../validation.ts";
import {
  assertCanWrite,
  assertMessageWritable,
  assertNotDeleted,
  assertOwner,
  type Moderation,
  requirePostTarget,
} from "./preconditions.ts";
import { nextThreadStamp } from "./stamps.ts";
import { commit } from "./transaction.ts";

export interface PostMessageInput {
  readonly threadId: string;
  /** Absent or null: the thread's main line. */
  readonly forkId?: string | null;
  readonly body: string;
}

/** Posts into a thread's main line or into one of its open forks. Returns the message id. */
export function postMessage(
  doc: Y.Doc,
  actor: Actor,
  input: PostMessageInput,
  env: Env = defaultEnv,
): string {
  assertCanWrite(doc, actor);
  assertBody(input.body);
  const forkId = input.forkId ?? null;
  requirePostTarget(doc, input.threadId, forkId);
  const messageId = freshId(env);
  const createdAt = nextThreadStamp(doc, input.threadId, env);
  commit(doc, actor, "postMessage", () =>
    insertMessage(messagesMap(doc), {
      id: messageId,
      threadId: input.threadId,
      forkId,
      author: actor,
      createdAt,
      body: input.body,
      kind: "message",
    }),
  );
  return messageId;
}

export interface EditMessageInput {
  readonly messageId: string;
  readonly body: string;
}

/**
 * Only the author edits. The body's Y.Text gets the smallest splice (common prefix and suffix
 * kept) so concurrent edits of different parts merge; mentions are parsed again. The text it
 * replaces is kept as an earlier version.
 */
export function editMessage(
  doc: Y.Doc,
  actor: Actor,
  input: EditMessageInput,
  env: Env = defaultEnv,
): void {
  assertCanWrite(doc, actor);
  const message = requireMessage(doc, input.messageId);
  if (!sameActor(actor, message.author)) {
    throw new ChannelError("not_author", "only the author may edit a message", {
      entity: "message",
      id: message.id,
    });
  }
  assertNotDeleted(message);
  assertBody(input.body);
  assertMessageWritable(doc, message);
  if (message.body.toString() === input.body) return;
  const editedAt = nextThreadStamp(doc, message.threadId, env);
  const versionId = freshId(env);
  commit(doc, actor, "editMessage", () => {
    insertMessageVersion(doc, versionId, {
      messageId: message.id,
      body: message.body.toString(),
      by: message.author,
      writtenAt: message.editedAt ?? message.createdAt,
      replacedAt: editedAt,
    });
    writeEdit(message, input.body, editedAt);
  });
}

export interface DeleteMessageInput extends Moderation {
  readonly messageId: string;
}

/**
 * Leaves a tombstone: the body is emptied and the entry kept, so forks and replies that point
 * at the message still work. Its earlier versions go with it. Allowed in archived threads and
 * closed forks.
 */
export function deleteMessage(
  doc: Y.Doc,
  actor: Actor,
  input: DeleteMessageInput,
  env: Env = defaultEnv,
): void {
  assertCanWrite(doc, actor);
  const message = requireMessage(doc, input.messageId);
  assertOwner(actor, message.author, input, "delete a message");
  assertNotDeleted(message);
  const deletedAt = nextThreadStamp(doc, message.threadId, env);
  commit(doc, actor, "deleteMessage", () => {
    writeTombstone(message, actor, deletedAt);
    removeMessageVersions(doc, message.id);
  });
}

export interface RemoveLinkPreviewInput {
  readonly messageId: string;
}

/** The author hides the preview under their message's link, for everyone. */
export function removeLinkPreview(doc: Y.Doc, actor: Actor, input: RemoveLinkPreviewInput): void {
  assertCanWrite(doc, actor);
  const message = requireMessage(doc, input.messageId);
  if (!sameActor(actor, message.author)) {
    throw new ChannelError("not_author", "only the author may remove a message's link preview", {
      entity: "message",
      id: message.id,
    });
  }
  assertNotDeleted(message);
  if (message.previewRemoved === true) return;
  commit(doc, actor, "removeLinkPreview", () => writePreviewRemoved(message));
}
