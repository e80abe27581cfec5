import * as Y from "yjs";
import { type Actor, isActor, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { parseMentions } from "../mentions.ts";
import { applyMinimalDiff } from "../text-diff.ts";
import { MAX_BODY_LENGTH } from "../validation.ts";
import { attachmentChangeProblem, newAttachmentsProblem } from "../write-rules/attachment-write.ts";
import {
  canPost,
  changedOutside,
  type EntryFields,
  type EntryWrite,
  fieldsOf,
  isTextField,
  type RootWriteRule,
  sameActorAs,
  type Writer,
} from "../write-rules/entry-write.ts";
import { type Attachment, isAttachmentList, plainAttachment } from "./attachment.ts";
import { type Decoded, decodeEntry, shapeProblem } from "./decode.ts";
import { isString, isStringArray, isStringOrNull, isTrue, isYText, oneOf } from "./guards.ts";
import { isTaskState, plainTask, type TaskState } from "./task.ts";

export const MESSAGE_KINDS = ["message", "fork-summary"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface NewMessage {
  readonly id: string;
  readonly threadId: string;
  /** null: the message sits in the thread's main line. */
  readonly forkId: string | null;
  readonly author: Actor;
  readonly createdAt: Stamp;
  readonly body: string;
  readonly kind: MessageKind;
  readonly summaryOfForkId?: string;
  readonly task?: TaskState;
  /** Files attached when posting; the body is their caption (and may then be empty). */
  readonly attachments?: readonly Attachment[];
}

export interface MessageRecord extends Omit<NewMessage, "body"> {
  readonly body: Y.Text;
  readonly mentions: readonly string[];
  readonly editedAt?: Stamp;
  readonly deletedAt?: Stamp;
  readonly deletedBy?: Actor;
  /** The author removed the preview of the message's link. */
  readonly previewRemoved?: true;
  readonly entry: Y.Map<unknown>;
}

const messageShape = {
  required: {
    id: isString,
    threadId: isString,
    forkId: isStringOrNull,
    author: isActor,
    createdAt: isStamp,
    body: isYText,
    mentions: isStringArray,
    kind: oneOf(MESSAGE_KINDS),
  },
  optional: {
    editedAt: isStamp,
    deletedAt: isStamp,
    deletedBy: isActor,
    previewRemoved: isTrue,
    summaryOfForkId: isString,
    task: isTaskState,
    attachments: isAttachmentList,
  },
};

export function decodeMessage(key: string, entry: unknown): Decoded<MessageRecord> {
  return decodeEntry(`messages/${key}`, key, entry, messageShape);
}

export function isDeleted(message: MessageRecord): boolean {
  return message.deletedAt !== undefined;
}

export function insertMessage(messages: Y.Map<unknown>, message: NewMessage): void {
  const entry = new Y.Map<unknown>();
  messages.set(message.id, entry);
  entry.set("id", message.id);
  entry.set("threadId", message.threadId);
  entry.set("forkId", message.forkId);
  entry.set("author", plainActor(message.author));
  entry.set("createdAt", message.createdAt);
  entry.set("body", new Y.Text(message.body));
  entry.set("mentions", parseMentions(message.body));
  entry.set("kind", message.kind);
  if (message.summaryOfForkId !== undefined) entry.set("summaryOfForkId", message.summaryOfForkId);
  if (message.task !== undefined) entry.set("task", plainTask(message.task));
  if (message.attachments !== undefined && message.attachments.length > 0) {
    entry.set("attachments", message.attachments.map(plainAttachment));
  }
}

/** Takes one file off the author's message (an upload cancelled before it reached the server). */
export function writeAttachmentRemoval(message: MessageRecord, attachmentId: string): void {
  const rest = (message.attachments ?? []).filter((a) => a.id !== attachmentId);
  message.entry.set("attachments", rest.map(plainAttachment));
}

export function writeEdit(message: MessageRecord, body: string, editedAt: Stamp): void {
  applyMinimalDiff(message.body, body);
  message.entry.set("mentions", parseMentions(body));
  message.entry.set("editedAt", editedAt);
}

/** A tombstone keeps the entry (forks and replies point at it) but empties the body. */
export function writeTombstone(message: MessageRecord, deletedBy: Actor, deletedAt: Stamp): void {
  message.body.delete(0, message.body.length);
  message.entry.set("mentions", []);
  // The files go with the text: the server stops serving them once the tombstone reaches it.
  if (message.entry.has("attachments")) message.entry.delete("attachments");
  message.entry.set("deletedAt", deletedAt);
  message.entry.set("deletedBy", plainActor(deletedBy));
}

export function writePreviewRemoved(message: MessageRecord): void {
  message.entry.set("previewRemoved", true);
}

export function appendText(message: MessageRecord, text: string): void {
  message.body.insert(message.body.length, text);
}

/** Stores the task state and re-reads mentions from the body as it stands now. */
export function writeTask(message: MessageRecord, task: TaskState): void {
  message.entry.set("task", plainTask(task));
  message.entry.set("mentions", parseMentions(message.body.toString()));
}

const TEXT_FIELDS: ReadonlySet<string> = new Set(["body"]);
/**
 * What the author changes after posting: edits, the tombstone, removing the link preview and (an
 * agent) its reply's task.
 */
const AUTHOR_FIELDS: ReadonlySet<string> = new Set([
  "body",
  "previewRemoved",
  "mentions",
  "editedAt",
  "deletedAt",
  "deletedBy",
  "task",
  "attachments",
]);
/** A moderator tombstones someone else's message: empties it, never rewrites it. */
const TOMBSTONE_FIELDS: ReadonlySet<string> = new Set([
  "body",
  "mentions",
  "deletedAt",
  "deletedBy",
  "attachments",
]);

/** A reply's task state is written by its agent, holding the task (its bridge's lease). */
function taskProblem(after: EntryFields, writer: Writer): string | undefined {
  if (after.task === undefined) return undefined;
  if (writer.actor.kind !== "agent" || !isTaskState(after.task)) return "writes task state";
  const authorId = isActor(after.author) ? after.author.id : "";
  return writer.mayWriteTask(after.task.taskId, authorId)
    ? undefined
    : "writes a task it does not hold";
}

function deletionProblem(after: EntryFields, writer: Writer): string | undefined {
  return after.deletedBy === undefined || sameActorAs(after.deletedBy, writer)
    ? undefined
    : "names someone else as a message's deleter";
}

/**
 * A tombstone is final (a moderator's too: its author cannot undo it): no operation removes
 * `deletedAt` or `deletedBy` once written.
 */
function restoreProblem(write: EntryWrite, after: EntryFields): string | undefined {
  const before = fieldsOf(write.before);
  if (before === undefined) return undefined;
  const restored =
    (before.deletedAt !== undefined && after.deletedAt === undefined) ||
    (before.deletedBy !== undefined && after.deletedBy === undefined);
  return restored ? "restores a deleted message" : undefined;
}

/**
 * An agent's reply belongs to its task: only a writer of that task (the agent's own key, or the
 * bridge holding that task's lease) changes it, and never moves it to another task. A bridge
 * holding another task of the same agent in the channel may not touch it.
 */
function replyTaskProblem(write: EntryWrite, after: EntryFields, writer: Writer) {
  const before = fieldsOf(write.before);
  if (before === undefined || !isTaskState(before.task) || write.changed.size === 0) return;
  const authorId = isActor(before.author) ? before.author.id : "";
  if (!writer.mayWriteTask(before.task.taskId, authorId)) {
    return "changes the reply of a task it does not hold";
  }
  if (!isTaskState(after.task) || after.task.taskId !== before.task.taskId) {
    return "moves a reply to another task";
  }
  return undefined;
}

function authorChangeProblem(write: EntryWrite, after: EntryFields, writer: Writer) {
  if (changedOutside(write, AUTHOR_FIELDS) !== undefined) return "changes a message's fixed fields";
  const restored = restoreProblem(write, after) ?? replyTaskProblem(write, after, writer);
  if (restored !== undefined) return restored;
  if (write.changed.has("task")) {
    const problem = taskProblem(after, writer);
    if (problem !== undefined) return problem;
  }
  const before = fieldsOf(write.before);
  if (write.changed.has("attachments") && before !== undefined) {
    const problem = attachmentChangeProblem(before, after);
    if (problem !== undefined) return problem;
  }
  return deletionProblem(after, writer);
}

function tombstoneProblem(write: EntryWrite, after: EntryFields, writer: Writer) {
  if (changedOutside(write, TOMBSTONE_FIELDS) !== undefined)
    return "changes someone else's message";
  if (isTextField(after.body) && after.body.inserted > 0) return "rewrites someone else's message";
  if (after.attachments !== undefined) return "keeps files on a tombstoned message";
  if (
    after.deletedAt === undefined ||
    !isStringArray(after.mentions) ||
    after.mentions.length > 0
  ) {
    return "changes someone else's message without tombstoning it";
  }
  return deletionProblem(after, writer);
}

/**
 * Who may write a message entry: a member posts as its `author` (an agent's reply carries the
 * task it holds); the author edits, tombstones and (an agent) finishes it; a moderator only
 * tombstones it. Never removed or replaced; the body stays within MAX_BODY_LENGTH.
 */
export const messageWrites: RootWriteRule = {
  entries: "map",
  textFields: TEXT_FIELDS,
  check(write, writer) {
    if (!canPost(writer)) return "may not write messages with this access";
    const after = fieldsOf(write.after);
    if (after === undefined || write.replaced) return "removes or replaces a message";
    const problem = shapeProblem(after, messageShape, TEXT_FIELDS);
    if (problem !== undefined) return `message: ${problem}`;
    if (after.id !== write.key) return "message id differs from its key";
    if (isTextField(after.body) && after.body.length > MAX_BODY_LENGTH) {
      return `message body longer than ${MAX_BODY_LENGTH} characters`;
    }
    const before = fieldsOf(write.before);
    if (before === undefined) {
      if (!sameActorAs(after.author, writer)) return "posts as someone else";
      return (
        newAttachmentsProblem(after) ?? taskProblem(after, writer) ?? deletionProblem(after, writer)
      );
    }
    if (sameActorAs(before.author, writer)) return authorChangeProblem(write, after, writer);
    if (writer.moderator) return tombstoneProblem(write, after, writer);
    return write.changed.size === 0 ? undefined : "changes someone else's message";
  },
};
