// The person in the bridge-task benchmark: a real @hocuspocus/provider that reads the channel's
// newest threads from its channel document, then mentions the agent in a thread and times the
// reply as it arrives in that thread's document.
import { HocuspocusProvider } from "@hocuspocus/provider";
import {
  type Actor,
  channelDocumentName,
  listThreadIndex,
  type MessageView,
  postMessage,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import * as Y from "yjs";

const SYNC_TIMEOUT_MS = 120_000;
const REPLY_TIMEOUT_MS = 120_000;

interface OpenDocument {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  close(): void;
}

/** Resolves after `check` holds, re-checked on every `subscribe` callback; rejects at the deadline. */
function until(
  what: string,
  check: () => boolean,
  subscribe: (callback: () => void) => () => void,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const callback = () => {
      if (!check()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    unsubscribe = subscribe(callback);
    callback();
  });
}

async function openDocument(
  websocketUrl: string,
  name: string,
  token: string,
): Promise<OpenDocument> {
  const doc = new Y.Doc();
  let synced = false;
  let refused: string | null = null;
  const provider = new HocuspocusProvider({
    url: websocketUrl,
    name,
    document: doc,
    token,
    onSynced: ({ state }) => {
      synced = state;
    },
    onAuthenticationFailed: ({ reason }) => {
      refused = reason;
    },
  });
  const close = () => {
    provider.destroy();
    doc.destroy();
  };
  try {
    await until(
      `${name} to sync`,
      () => synced || refused !== null,
      (callback) => {
        provider.on("synced", callback);
        provider.on("authenticationFailed", callback);
        return () => {
          provider.off("synced", callback);
          provider.off("authenticationFailed", callback);
        };
      },
      SYNC_TIMEOUT_MS,
    );
  } catch (error) {
    close();
    throw error;
  }
  if (refused !== null) {
    close();
    throw new Error(`the server refused ${name}: ${refused}`);
  }
  return { doc, provider, close };
}

/** The channel's `count` most recently active threads, newest first, from its thread index. */
export async function newestThreads(
  websocketUrl: string,
  channelId: string,
  token: string,
  count: number,
): Promise<string[]> {
  const channel = await openDocument(websocketUrl, channelDocumentName(channelId), token);
  try {
    return listThreadIndex(channel.doc)
      .slice(0, count)
      .map((thread) => thread.id);
  } finally {
    channel.close();
  }
}

export interface TaskTiming {
  threadId: string;
  /** From the server acknowledging the mention to the reply's first text in the document. */
  firstTokenMs: number;
  /** From the acknowledgement to the reply marked finished in the document. */
  doneMs: number;
  /** How the reply's task ended (completed, failed…). */
  status: string;
}

const agentReplies = (doc: Y.Doc, threadId: string, agentId: string): MessageView[] =>
  (threadView(doc, threadId)?.messages ?? []).filter(
    (m) => m.author.kind === "agent" && m.author.id === agentId,
  );

/**
 * Opens the thread's document, posts a message mentioning the agent as `actor`, and times the
 * agent's reply from the server's acknowledgement of the mention (the provider has no unsynced
 * change left) to its first text and to its end. Leaves the document once the reply is done.
 */
export async function mentionAndTime(
  websocketUrl: string,
  token: string,
  target: { channelId: string; threadId: string },
  actor: Actor,
  agent: { id: string; handle: string },
  /** Called once the first token is in (the bridge is answering). */
  onFirstToken: () => void = () => {},
): Promise<TaskTiming> {
  const { channelId, threadId } = target;
  const thread = await openDocument(websocketUrl, threadDocumentName(channelId, threadId), token);
  try {
    const { doc, provider } = thread;
    const earlier = agentReplies(doc, threadId, agent.id).length;
    const reply = () => agentReplies(doc, threadId, agent.id)[earlier];
    const onUpdate = (callback: () => void) => {
      doc.on("update", callback);
      return () => doc.off("update", callback);
    };
    postMessage(doc, actor, { threadId, body: `@${agent.handle} please sum this thread up` });
    await until(
      "the server to acknowledge the mention",
      () => !provider.hasUnsyncedChanges,
      (callback) => {
        provider.on("unsyncedChanges", callback);
        return () => provider.off("unsyncedChanges", callback);
      },
      SYNC_TIMEOUT_MS,
    );
    const acknowledged = performance.now();
    await until(
      "the reply's first token",
      () => (reply()?.body.length ?? 0) > 0,
      onUpdate,
      REPLY_TIMEOUT_MS,
    );
    const firstTokenMs = performance.now() - acknowledged;
    onFirstToken();
    const finished = () => {
      const task = reply()?.task;
      return task !== undefined && task !== null && task.status !== "running";
    };
    await until("the reply to finish", finished, onUpdate, REPLY_TIMEOUT_MS);
    const doneMs = performance.now() - acknowledged;
    return { threadId, firstTokenMs, doneMs, status: reply()?.task?.status ?? "unknown" };
  } finally {
    thread.close();
  }
}
