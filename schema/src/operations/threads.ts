import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { nextStamp } from "../clock.ts";
import { defaultEnv, type Env, freshId } from "../ids.ts";
import { messagesMap, threadsMap } from "../layout.ts";
import { requireThread } from "../records/lookup.ts";
import { insertMessage } from "../records/message.ts";
import {
  insertThread,
  THREAD_STATUSES,
  type ThreadStatus,
  writeThreadStatus,
} from "../records/thread.ts";
import { assertBody, assertStatus, assertTitle } from "../validation.ts";
import { assertCanWrite, assertOwner, type Moderation } from "./preconditions.ts";
import { commit } from "./transaction.ts";

export interface CreateThreadInput {
  readonly title: string;
  readonly body: string;
}

export interface CreatedThread {
  readonly threadId: string;
  readonly messageId: string;
}

/** A thread starts with its first message, written in the same transaction. */
export function createThread(
  doc: Y.Doc,
  actor: Actor,
  input: CreateThreadInput,
  env: Env = defaultEnv,
): CreatedThread {
  assertCanWrite(doc, actor);
  assertTitle(input.title);
  assertBody(input.body);
  const threadId = freshId(env);
  const messageId = freshId(env);
  const createdAt = nextStamp(undefined, env.now());
  return commit(doc, actor, "createThread", () => {
    insertThread(threadsMap(doc), {
      id: threadId,
      title: input.title,
      createdBy: actor,
      createdAt,
      status: "active",
    });
    insertMessage(messagesMap(doc), {
      id: messageId,
      threadId,
      forkId: null,
      author: actor,
      createdAt,
      body: input.body,
      kind: "message",
    });
    return { threadId, messageId };
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
