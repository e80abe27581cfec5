// People in agent tests: a seeded person signed in over HTTP, connected to
// the server's documents with a real provider (one socket), and the few
// things they do and look for in a thread.
import {
  type Actor,
  createThread,
  type MessageView,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { UserRecord } from "../../../sync-server/src/accounts/principal.ts";
import type { RunningServer } from "../../../sync-server/src/server.ts";
import {
  connectPeer,
  type OpenChannel,
  type Peer,
} from "../../../sync-server/test/support/peers.ts";
import { webSocketToken } from "../../../sync-server/test/support/socket-credentials.ts";
import type { Person } from "../../../sync-server/test/support/workspace-fixture.ts";

export interface Human {
  user: UserRecord;
  actor: Actor;
  peer: Peer;
  open(channelId: string): Promise<OpenChannel>;
  /** Opens a thread document of a split channel (docs/history-split.md) and waits until synced. */
  openThread(channelId: string, threadId: string): Promise<OpenChannel>;
}

export async function connectHuman(server: RunningServer, person: Person): Promise<Human> {
  const peer = connectPeer(server.websocketUrl, { token: await webSocketToken(person.client) });
  return {
    user: person.user,
    actor: { kind: "human", id: person.user.id },
    peer,
    open: (channelId) => peer.open(channelId),
    openThread: (channelId, threadId) => peer.openDocument(threadDocumentName(channelId, threadId)),
  };
}

/**
 * Starts a thread whose first message is `body` (mentions included) in a one-document channel;
 * in a split channel, `startSplitThread` (support/split-channel.ts).
 */
export function ask(
  doc: Y.Doc,
  actor: Actor,
  body: string,
): { threadId: string; messageId: string } {
  return createThread(doc, actor, { title: "Question", body });
}

/** The agent-written messages of a thread (main line), in display order. */
export function agentReplies(doc: Y.Doc, threadId: string, agentId?: string): MessageView[] {
  return (threadView(doc, threadId)?.messages ?? []).filter(
    (m) => m.author.kind === "agent" && (agentId === undefined || m.author.id === agentId),
  );
}

const isFinished = (m: MessageView) => m.task !== null && m.task.status !== "running";

/** Waits until the thread holds `count` finished agent replies and returns them. */
export async function finishedReplies(
  channel: OpenChannel,
  threadId: string,
  count = 1,
  timeoutMs = 10_000,
): Promise<MessageView[]> {
  await channel.until(
    `${count} finished agent replies in ${threadId}`,
    () => agentReplies(channel.doc, threadId).filter(isFinished).length >= count,
    timeoutMs,
  );
  return agentReplies(channel.doc, threadId);
}
