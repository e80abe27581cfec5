// Creating a thread in the split layout. A thread document is a one-thread channel document, so
// a thread is created by writing its entry and first message into its new thread document, and
// nothing else: peers never write the channel document. The thread lists at once on this device
// (`listThreadIndex` with its local thread documents) and for everyone once the server, holding
// the thread document, has written its digest. Everything else that happens in a thread (posts,
// edits, renames, status, forks, reactions, pins, replies...) is today's operations on the thread
// document alone.
import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { defaultEnv, type Env } from "../ids.ts";
import { messagesMap, threadsMap } from "../layout.ts";
import { assertDocumentWritable } from "../migrations/version.ts";
import {
  type CreatedThread,
  type CreateThreadInput,
  prepareThread,
} from "../operations/threads.ts";
import { commit } from "../operations/transaction.ts";
import { insertMessage } from "../records/message.ts";
import { insertThread } from "../records/thread.ts";

/**
 * Creates a thread in its own new thread document: `threadDocFor` opens (or makes) the replica
 * named `threadDocumentName(channelId, threadId)` for the new id. Works offline.
 */
export function createSplitThread(
  threadDocFor: (threadId: string) => Y.Doc,
  actor: Actor,
  input: CreateThreadInput,
  env: Env = defaultEnv,
): CreatedThread {
  const { thread, message } = prepareThread(actor, input, env);
  const threadDoc = threadDocFor(thread.id);
  assertDocumentWritable(threadDoc);
  return commit(threadDoc, actor, "createThread", () => {
    insertThread(threadsMap(threadDoc), thread);
    insertMessage(messagesMap(threadDoc), message);
    return { threadId: thread.id, messageId: message.id };
  });
}
