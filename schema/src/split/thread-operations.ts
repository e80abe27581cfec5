// Operations of the split layout that write a thread's entry in both documents: its thread
// document (which decides) and the channel document's index (so the channel's list shows a new
// thread offline, before the server has read it). Yjs gives no atomicity across documents, so each
// document gets its own transaction, the thread document first: if only one of the two writes
// survives (a crash, a lost update), the server can rebuild the index entry from the thread
// document (index-repair.ts), never the reverse. Everything else that happens in a thread (posts,
// edits, forks, reactions, pins, replies...) is today's operations on the thread document alone.
import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { defaultEnv, type Env } from "../ids.ts";
import { messagesMap, threadsMap } from "../layout.ts";
import {
  type CreatedThread,
  type CreateThreadInput,
  prepareThread,
  type RenameThreadInput,
  renameThread,
  type SetThreadStatusInput,
  setThreadStatus,
} from "../operations/threads.ts";
import { commit } from "../operations/transaction.ts";
import { findThread } from "../records/lookup.ts";
import { insertMessage } from "../records/message.ts";
import { insertThread } from "../records/thread.ts";

/**
 * Creates a thread: its entry and first message in its new thread document (`threadDocFor`
 * opens the replica named `threadDocumentName(channelId, threadId)`), then its index entry in
 * the channel document. Works offline: the thread lists at once.
 */
export function createThreadAcross(
  channelDoc: Y.Doc,
  threadDocFor: (threadId: string) => Y.Doc,
  actor: Actor,
  input: CreateThreadInput,
  env: Env = defaultEnv,
): CreatedThread {
  const { thread, message } = prepareThread(channelDoc, actor, input, env);
  const threadDoc = threadDocFor(thread.id);
  commit(threadDoc, actor, "createThread", () => {
    insertThread(threadsMap(threadDoc), thread);
    insertMessage(messagesMap(threadDoc), message);
  });
  commit(channelDoc, actor, "createThread", () => insertThread(threadsMap(channelDoc), thread));
  return { threadId: thread.id, messageId: message.id };
}

/**
 * The person-written index entry follows while the channel replica has it (a thread the server
 * has not read yet); after that the list shows the digest, which the server's repair updates.
 */
function mirrored(channelDoc: Y.Doc, threadId: string, write: () => void): void {
  if (findThread(channelDoc, threadId) !== undefined) write();
}

/** `setThreadStatus` in the thread document, then in the channel document's index entry. */
export function setThreadStatusAcross(
  channelDoc: Y.Doc,
  threadDoc: Y.Doc,
  actor: Actor,
  input: SetThreadStatusInput,
): void {
  setThreadStatus(threadDoc, actor, input);
  mirrored(channelDoc, input.threadId, () => setThreadStatus(channelDoc, actor, input));
}

/** `renameThread` in the thread document, then in the channel document's index entry. */
export function renameThreadAcross(
  channelDoc: Y.Doc,
  threadDoc: Y.Doc,
  actor: Actor,
  input: RenameThreadInput,
): void {
  renameThread(threadDoc, actor, input);
  mirrored(channelDoc, input.threadId, () => renameThread(channelDoc, actor, input));
}
