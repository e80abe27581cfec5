// Delivers a reply that the previous bridge process finished (or stopped)
// but could not hand to the server before it shut down: renew that claim if
// no other bridge took the task meanwhile, write into the document the server
// names now (the claim's, or the thread's document once the channel was split
// meanwhile) what the server lacks of the reply (all of it, or the rest of a
// partly stored one) and its ending, then deliver and finish as usual. When
// another bridge took the task over, only the claim's tokens are reported.
// A running task whose channel was split before its reply was delivered ends
// here too (./run-task.ts).
import { type Actor, appendToReply, getMessage, startAgentReply } from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import type { UndeliveredReplies, UndeliveredReply } from "../replies/undelivered-replies.ts";
import { type ChannelConnections, ChannelDeniedError } from "../server/channel-connections.ts";
import {
  type DeliveryDeps,
  deliver,
  pause,
  refusedForGood,
  regain,
  reportLostUsage,
} from "./delivery.ts";
import { describe, failed, finishRequest } from "./endings.ts";
import { replyPlan } from "./reply-plan.ts";
import { recordEnding } from "./write-reply.ts";

export interface RedeliverDeps extends DeliveryDeps {
  channels: ChannelConnections;
  logger: Logger;
  /** Where the reply is kept until it is delivered (none: a reply of this process, not kept). */
  undelivered?: UndeliveredReplies;
}

const RETRY_MS = 1_000;

/** Writes what the server's copy lacks of the kept reply, and its ending. */
function restore(doc: Y.Doc, agent: Actor, reply: UndeliveredReply, deps: RedeliverDeps): void {
  const { task, messageId, ending } = reply;
  if (messageId === null) return; // the claim settled a reply without writing: only finish
  const plan = replyPlan(doc, task, deps);
  if (getMessage(doc, messageId) === undefined) {
    startAgentReply(
      doc,
      agent,
      { ...plan.target, taskId: task.id, model: task.config.model },
      { now: Date.now, newId: () => messageId },
    );
  }
  const stored = getMessage(doc, messageId);
  if (stored === undefined || stored.task?.status !== "running") return; // already settled
  const target = { messageId, taskId: task.id };
  if (reply.body.startsWith(stored.body) && reply.body.length > stored.body.length) {
    appendToReply(doc, agent, { ...target, text: reply.body.slice(stored.body.length) });
  }
  recordEnding(doc, agent, target, ending);
  plan.afterFinish(doc, agent, { messageId, status: ending.status, stopReason: ending.stopReason });
}

/** Runs until the kept reply is delivered or its task lost (the file is then removed), or shutdown. */
export async function redeliver(reply: UndeliveredReply, deps: RedeliverDeps): Promise<void> {
  try {
    await attempt(reply, deps);
  } catch (error) {
    if (!refusedForGood(error)) throw error;
    // The server will never take it (the task is gone, say): asking at every start will not help.
    deps.logger.error({ err: error, taskId: reply.task.id }, "kept reply refused; dropped");
    deps.undelivered?.remove(reply.task.id);
  }
}

async function attempt(kept: UndeliveredReply, deps: RedeliverDeps): Promise<void> {
  let reply = kept;
  const { task } = reply;
  const log = deps.logger.child({
    taskId: task.id,
    attempt: task.attempt,
    agent: task.agent.handle,
    channel: task.channel.name,
    kept: true,
  });
  const agent: Actor = { kind: "agent", id: task.agent.id };
  while (!deps.shutdown.aborted) {
    const claim = await regain(task, deps, log);
    if (claim === "shut down") return;
    if (claim === "lost") {
      log.warn("a kept reply's task was taken over by another bridge; reporting its usage");
      if (
        reply.usageAttempt !== task.attempt ||
        (await reportLostUsage(task, reply.ending, deps, log))
      ) {
        deps.undelivered?.remove(task.id);
      }
      return;
    }
    // The document the server names now: the claim's, or its thread's once the channel is split.
    reply = { ...reply, task: { ...reply.task, documentName: claim.documentName } };
    let channel: Awaited<ReturnType<ChannelConnections["open"]>>;
    try {
      channel = await deps.channels.open(claim.documentName);
    } catch (error) {
      if (!(error instanceof ChannelDeniedError)) {
        log.warn({ err: error }, "could not open the channel of a kept reply; retrying");
        await pause(RETRY_MS, deps.shutdown);
        continue;
      }
      // The agent lost access to the channel meanwhile: the reply cannot be delivered.
      const ending = failed(`the agent cannot open this channel: ${error.reason}`);
      await deps.api.finish(task, finishRequest(ending, null)).catch(() => undefined);
      await reportLostUsage(task, reply.ending, deps, log);
      deps.undelivered?.remove(task.id);
      return;
    }
    try {
      try {
        restore(channel.doc, agent, reply, deps);
      } catch (error) {
        log.warn({ err: error }, `a kept reply could not be written: ${describe(error)}`);
      }
      const outcome = await deliver(reply.task, reply, deps, channel, log);
      if (outcome === "shut down") return;
      if (typeof outcome === "object") continue; // split meanwhile: again, in the new document
      const reported =
        outcome !== "lost" ||
        reply.usageAttempt !== task.attempt ||
        (await reportLostUsage(task, reply.ending, deps, log));
      if (reported) deps.undelivered?.remove(task.id);
      log.info({ outcome, status: reply.ending.status }, "kept reply handled");
      return;
    } finally {
      channel.release();
    }
  }
}
