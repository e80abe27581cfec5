// Posting one's refused messages again, as new operations on the server's copy: each goes into
// its thread (and fork) when that still takes posts; the others are returned, to be kept. A
// message with a `repostId` is posted under that id.
import { type Actor, defaultEnv, isChannelError, postMessage } from "@openvibe/schema";
import type * as Y from "yjs";
import type { OwnMessage } from "../../local/database.ts";

/** Posts each message again; returns those that could not be posted (thread gone, closed ...). */
export function repost(doc: Y.Doc, actor: Actor, messages: readonly OwnMessage[]): OwnMessage[] {
  const kept: OwnMessage[] = [];
  for (const message of messages) {
    const { threadId, forkId, body, repostId } = message;
    const env = repostId === undefined ? defaultEnv : { ...defaultEnv, newId: () => repostId };
    try {
      postMessage(doc, actor, { threadId, forkId, body }, env);
    } catch (error) {
      if (!isChannelError(error)) throw error;
      kept.push(message);
    }
  }
  return kept;
}
