import type * as Y from "yjs";
import { type Actor, sameActor } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import { defaultEnv, type Env, freshId } from "../ids.ts";
import { messagesMap } from "../layout.ts";
import { type Attachment, isAttachmentList } from "../records/attachment.ts";
import { requireMessage } from "../records/lookup.ts";
import {
  insertMessage,
  writeAttachmentRemoval,
  writeEdit,
  writePreviewRemoved,
  writeTombstone,
} from "../records/message.ts";
import { insertMessageVersion, removeMessageVersions } from "../records/message-version.ts";
import { assertBody, assertBodyLength } from "../validation.ts";
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
  /** Files to attach (records the client made; the bytes may still wait in its outbox). */
  readonly attachments?: readonly Attachment[];
}

/** With files the body is their caption and may be empty; without, it may not. */
function assertPostable(input: PostMessageInput): void {
  const attachments = input.attachments ?? [];
  if (attachments.length === 0) {
    assertBody(input.body);
    return;
  }
  if (!isAttachmentList(attachments)) {
    throw new ChannelError("invalid_input", "the attached files are not valid records");
  }
  if (typeof input.body !== "string") throw new ChannelError("empty_body", "a body is required");
  assertBodyLength(input.body.length);
}

/** Posts into a thread's main line or into one of its open forks. Returns the message id. */
export function postMessage(
  doc: Y.Doc,
  actor: Actor,
  input: PostMessageInput,
  env: Env = defaultEnv,
): string {
  assertCanWrite(doc, actor);
  assertPostable(input);
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
      ...(input.attachments === undefined ? {} : { attachments: input.attachments }),
    }),
  );
  return messageId;
}

export interface RemoveAttachmentInput {
  readonly messageId: string;
  readonly attachmentId: string;
}

/** The author takes one file off their message (cancelling an upload that never happened). */
export function removeAttachment(doc: Y.Doc, actor: Actor, input: RemoveAttachmentInput): void {
  assertCanWrite(doc, actor);
  const message = requireMessage(doc, input.messageId);
  if (!sameActor(actor, message.author)) {
    throw new ChannelError("not_author", "only the author may remove a message's files", {
      entity: "message",
      id: message.id,
    });
  }
  assertNotDeleted(message);
  if (!(message.attachments ?? []).some((a) => a.id === input.attachmentId)) return;
  commit(doc, actor, "removeAttachment", () => writeAttachmentRemoval(message, input.attachmentId));
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
