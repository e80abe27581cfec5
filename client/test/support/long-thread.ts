// A long thread seeded as a real peer would write it: a headless @hocuspocus/provider in the
// test process creates the thread in its own thread document (the split layout) and posts
// through @openvibe/schema operations, a batch of messages per Yjs transaction (one update
// each), and waits until the server has acknowledged all of them.
import { type Actor, postMessage, type SessionView } from "@openvibe/schema";
import { connectPeer } from "../../../sync-server/test/support/peers.ts";
import { webSocketToken } from "../../../sync-server/test/support/socket-credentials.ts";
import { startThreadDocument } from "../../../sync-server/test/support/split-channels.ts";
import type { ChildWorkspace } from "./child-workspace.ts";

export interface LongThread {
  threadId: string;
  /** Message ids in thread order: `messageIds[0]` is the first message. */
  messageIds: string[];
}

export interface LongThreadOptions {
  title: string;
  messages: number;
  /** Messages written per transaction. */
  batch: number;
  /** Deadline for the server to acknowledge each batch. */
  ackTimeoutMs: number;
}

/** The body of the `n`th message (1-based); "Message 1 of" is not part of "Message 11 of". */
export function longThreadBody(n: number, total: number): string {
  return `Message ${n} of ${total}`;
}

/** Writes a thread of `messages` messages as the admin into the workspace's channel. */
export async function seedLongThread(
  workspace: ChildWorkspace,
  { title, messages, batch, ackTimeoutMs }: LongThreadOptions,
): Promise<LongThread> {
  const session = await workspace.admin.get<SessionView>("/api/auth/session");
  const actor: Actor = { kind: "human", id: session.body.user.id };
  const peer = connectPeer(workspace.websocketUrl, {
    token: await webSocketToken(workspace.admin),
  });
  const first = await startThreadDocument(peer, workspace.channelId, actor, {
    title,
    body: longThreadBody(1, messages),
  });
  const channel = first.thread;
  const messageIds = [first.messageId];
  while (messageIds.length < messages) {
    const end = Math.min(messages, messageIds.length + batch);
    channel.doc.transact(() => {
      for (let n = messageIds.length + 1; n <= end; n++) {
        const body = longThreadBody(n, messages);
        messageIds.push(postMessage(channel.doc, actor, { threadId: first.threadId, body }));
      }
    });
    await channel.acknowledged(ackTimeoutMs);
  }
  peer.close();
  return { threadId: first.threadId, messageIds };
}
