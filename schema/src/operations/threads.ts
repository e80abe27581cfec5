import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { nextStamp } from "../clock.ts";
import { defaultEnv, type Env, freshId } from "../ids.ts";
import { messagesMap, threadsMap } from "../layout.ts";
import { requireThread } from "../records/lookup.ts";
import { insertMessage, type NewMessage } from "../records/message.ts";
import {
  insertThread,
  type NewThread,
  THREAD_STATUSES,
  type ThreadStatus,
  writeThreadStatus,
  writeThreadTitle,
} from "../records/thread.ts";
import { titleFromText } from "../titles.ts";
import { assertActor, assertBody, assertStatus, assertTitle } from "../validation.ts";
import { assertCanWrite, assertOwner, type Moderation } from "./preconditions.ts";
import { commit } from "./transaction.ts";

export interface CreateThreadInput {
  /** Without one (or blank), the first line of the body (quick posting). */
  readonly title?: string;
  readonly body: string;
}

/** A thread's title when its first line has no text either. */
export const UNTITLED_THREAD = "Untitled thread";

export interface CreatedThread {
  readonly threadId: string;
  readonly messageId: string;
}

export interface PreparedThread {
  readonly thread: NewThread;
  readonly message: NewMessage;
}

/**
 * Checks a new thread and gives its entry and first message, not yet written: what
 * `createThread` writes into a channel document, and `createSplitThread` into the new thread's
 * own document (whose name needs the id made here).
 */
export function prepareThread(
  actor: Actor,
  input: CreateThreadInput,
  env: Env = defaultEnv,
): PreparedThread {
  assertActor(actor);
  assertBody(input.body);
  const title =
    input.title === undefined || input.title.trim() === ""
      ? titleFromText(input.body, UNTITLED_THREAD)
      : input.title;
  assertTitle(title);
  const threadId = freshId(env);
  const messageId = freshId(env);
  const createdAt = nextStamp(undefined, env.now());
  return {
    thread: { id: threadId, title, createdBy: actor, createdAt, status: "active" },
    message: {
      id: messageId,
      threadId,
      forkId: null,
      author: actor,
      createdAt,
      body: input.body,
      kind: "message",
    },
  };
}

/** A thread starts with its first message, written in the same transaction. */
export function createThread(
  doc: Y.Doc,
  actor: Actor,
  input: CreateThreadInput,
  env: Env = defaultEnv,
): CreatedThread {
  assertCanWrite(doc, actor);
  const { thread, message } = prepareThread(actor, input, env);
  return commit(doc, actor, "createThread", () => {
    insertThread(threadsMap(doc), thread);
    insertMessage(messagesMap(doc), message);
    return { threadId: thread.id, messageId: message.id };
  });
}

export interface SetThreadStatusInput extends Moderation {
  readonly threadId: string;
  readonly status: ThreadStatus;
}

/** Only the thread's creator (or a moderator) changes its status: the thread entry is theirs. */
export function setThreadStatus(doc: Y.Doc, actor: Actor, input: SetThreadStatusInput): void {
  assertCanWrite(doc, actor);
  assertStatus(input.status, THREAD_STATUSES, "thread status");
  const thread = requireThread(doc, input.threadId);
  assertOwner(actor, thread.createdBy, input, "change a thread's status");
  if (thread.status === input.status) return;
  commit(doc, actor, "setThreadStatus", () => writeThreadStatus(thread, input.status));
}

export interface RenameThreadInput extends Moderation {
  readonly threadId: string;
  readonly title: string;
}

/** Only the thread's creator (or a moderator) renames it, as with its status. */
export function renameThread(doc: Y.Doc, actor: Actor, input: RenameThreadInput): void {
  assertCanWrite(doc, actor);
  assertTitle(input.title);
  const thread = requireThread(doc, input.threadId);
  assertOwner(actor, thread.createdBy, input, "rename a thread");
  if (thread.title === input.title) return;
  commit(doc, actor, "renameThread", () => writeThreadTitle(thread, input.title));
}
