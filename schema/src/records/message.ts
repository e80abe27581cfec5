import * as Y from "yjs";
import { type Actor, isActor, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { parseMentions } from "../mentions.ts";
import { applyMinimalDiff } from "../text-diff.ts";
import { type Decoded, decodeEntry } from "./decode.ts";
import { isString, isStringArray, isStringOrNull, isYText, oneOf } from "./guards.ts";
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
}

export interface MessageRecord extends Omit<NewMessage, "body"> {
  readonly body: Y.Text;
  readonly mentions: readonly string[];
  readonly editedAt?: Stamp;
  readonly deletedAt?: Stamp;
  readonly deletedBy?: Actor;
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
    summaryOfForkId: isString,
    task: isTaskState,
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
  message.entry.set("deletedAt", deletedAt);
  message.entry.set("deletedBy", plainActor(deletedBy));
}

export function appendText(message: MessageRecord, text: string): void {
  message.body.insert(message.body.length, text);
}

/** Stores the task state and re-reads mentions from the body as it stands now. */
export function writeTask(message: MessageRecord, task: TaskState): void {
  message.entry.set("task", plainTask(task));
  message.entry.set("mentions", parseMentions(message.body.toString()));
}
