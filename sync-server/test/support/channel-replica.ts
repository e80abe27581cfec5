// A peer's copy of a split channel's content for tests (docs/history-split.md): the thread
// documents it has started or opened, each a provider over the peer's one socket.
import {
  type Actor,
  type CreateThreadInput,
  createSplitThread,
  type Env,
  threadDocumentName,
} from "@openvibe/schema";
import * as Y from "yjs";
import type { OpenChannel, Peer } from "./peers.ts";
import type { StartedThread } from "./split-channels.ts";

/**
 * A peer's copy of a split channel's content: the thread documents it has started or opened,
 * each kept open over the peer's socket. Tests write through schema operations on `doc(threadId)`
 * as a client does on its thread replicas.
 */
/**
 * A new thread's content, made on a fresh replica and sent nowhere: apply `update` to its
 * document. `clientId` is the replica's, which wrote it.
 */
export function newThreadContent(author: Actor, input: CreateThreadInput, env?: Env) {
  const content = new Y.Doc();
  const created = createSplitThread(() => content, author, input, env);
  return { ...created, clientId: content.clientID, update: Y.encodeStateAsUpdate(content) };
}

export interface ChannelReplica {
  channelId: string;
  peer: Peer;
  /** Starts a thread in its own document (as `startThreadDocument`, at `env`'s clock) and keeps it open. */
  createThread(author: Actor, input: CreateThreadInput, env?: Env): Promise<StartedThread>;
  /** This peer's replica of a thread document, opened and synced on first call. */
  open(threadId: string): Promise<OpenChannel>;
  /** The thread document already open here (started or opened). */
  thread(threadId: string): OpenChannel;
  /** Shorthand for `thread(threadId).doc`. */
  doc(threadId: string): Y.Doc;
  /** Resolves once the server has acknowledged every change to every open thread document. */
  acknowledged(timeoutMs?: number): Promise<void>;
}

export function channelReplica(peer: Peer, channelId: string): ChannelReplica {
  const threads = new Map<string, Promise<OpenChannel>>();
  const opened = new Map<string, OpenChannel>();
  const keep = (threadId: string, thread: OpenChannel) => {
    opened.set(threadId, thread);
    return thread;
  };
  const replica: ChannelReplica = {
    channelId,
    peer,
    async createThread(author, input, env) {
      const { update, clientId, ...created } = newThreadContent(author, input, env);
      const thread = await replica.open(created.threadId);
      Y.applyUpdate(thread.doc, update);
      // One replica writes the thread and what follows, as a client's thread replica does (a
      // second client id would be a second claim for the server to store). Taken after the
      // update: Yjs gives up a client id that a remote update writes under.
      thread.doc.clientID = clientId;
      await thread.acknowledged();
      return { ...created, thread };
    },
    open(threadId) {
      let thread = threads.get(threadId);
      if (thread === undefined) {
        thread = peer
          .openDocument(threadDocumentName(channelId, threadId))
          .then((open) => keep(threadId, open));
        threads.set(threadId, thread);
      }
      return thread;
    },
    thread(threadId) {
      const thread = opened.get(threadId);
      if (thread === undefined) throw new Error(`thread ${threadId} is not open on this replica`);
      return thread;
    },
    doc: (threadId) => replica.thread(threadId).doc,
    async acknowledged(timeoutMs) {
      for (const thread of await Promise.all(threads.values()))
        await thread.acknowledged(timeoutMs);
    },
  };
  return replica;
}
