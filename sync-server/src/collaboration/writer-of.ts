// Who a connection writes as, for the write guard's rules and for every server-side reader of
// document content: built from the connection's principal alone, never from the content.
import type { Writer } from "@openvibe/schema";
import { claimedTaskOfAgent, getTask } from "../agents/tasks.ts";
import type { AppContext } from "../context.ts";
import { isAdmin } from "../permissions/permissions.ts";
import { type ConnectionContext, senderOf } from "./connection-context.ts";

/**
 * The sender as the rules see it, from the connection alone. A bridge writes for every agent
 * whose task it claimed in this channel (its replies share one connection per channel), under
 * client ids it owns as a bridge; anyone else writes as itself.
 */
export function writerOf(ctx: AppContext, sender: ConnectionContext): Writer {
  const { user } = sender.principal;
  const { bridgeKeyId, channelId } = sender;
  const actsAs = (actorId: string) =>
    actorId === user.id ||
    (bridgeKeyId !== null && claimedTaskOfAgent(ctx, bridgeKeyId, channelId, actorId));
  return {
    actor: { kind: user.kind === "agent" ? "agent" : "human", id: user.id },
    clientOwner: bridgeKeyId === null ? user.id : `bridge:${bridgeKeyId}`,
    access: sender.access === "react" ? "react" : "write",
    moderator: isAdmin(user),
    actsAs,
    mayWriteTask(taskId, agentId) {
      if (user.kind !== "agent") return false;
      // The agent itself (its own API key) writes its replies' task state.
      if (bridgeKeyId === null) return agentId === user.id;
      // A bridge, only the tasks it claimed in this channel, each in its own agent's reply.
      const task = getTask(ctx, taskId);
      return (
        task !== undefined &&
        task.agentId === agentId &&
        task.channelId === channelId &&
        task.claimedBy === bridgeKeyId
      );
    },
  };
}

/**
 * The writer of each transaction origin (undefined for the server's own changes), built once
 * per connection: a batch of one turn's changes mostly comes from a few connections.
 */
export function writersOf(ctx: AppContext): (origin: unknown) => Writer | undefined {
  const built = new Map<ConnectionContext, Writer>();
  return (origin) => {
    const sender = senderOf(origin);
    if (sender === undefined) return undefined;
    let writer = built.get(sender);
    if (writer === undefined) {
      writer = writerOf(ctx, sender);
      built.set(sender, writer);
    }
    return writer;
  };
}
