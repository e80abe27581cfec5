// Runs one claimed task end to end: opens the channel, writes the reply (or,
// when a previous bridge already started it, settles that one instead of
// writing a second), renews the lease while it works, waits until the server
// has the reply, and finishes the ledger entry with model, usage and reason.
import {
  type Actor,
  type ClaimedTask,
  finishAgentReply,
  getMessage,
  type MessageView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import type { ModelProvider } from "../model/model-provider.ts";
import { type BridgeApi, LeaseLostError } from "../server/bridge-api.ts";
import { type ChannelConnections, ChannelDeniedError } from "../server/channel-connections.ts";
import { describe, type Ending, endingOf, failed, INTERRUPTED_ERROR } from "./endings.ts";
import { writeReply } from "./write-reply.ts";

export { BUDGET_REPLY, INTERRUPTED_ERROR } from "./endings.ts";

export interface RunTaskDeps {
  api: BridgeApi;
  channels: ChannelConnections;
  provider: ModelProvider;
  logger: Logger;
  /** Batching window for appends (ms). */
  flushMs: number;
  /** How often to renew the lease; by default a third of the server's lease length. */
  heartbeatMs?: number;
  /** Aborts running tasks when the bridge shuts down. */
  shutdown: AbortSignal;
}

const ACK_TIMEOUT_MS = 15_000;

/** A previous bridge started this reply and died: settle it instead of writing a second one. */
function settleExisting(doc: Y.Doc, agent: Actor, task: ClaimedTask, message: MessageView): Ending {
  const recorded = endingOf(message);
  if (recorded !== null) return recorded; // it finished; only the ledger missed it
  if (message.deleted) return failed("the reply was deleted before it finished");
  try {
    finishAgentReply(doc, agent, {
      messageId: message.id,
      taskId: task.id,
      status: "failed",
      error: INTERRUPTED_ERROR,
    });
  } catch (error) {
    return failed(`could not mark the reply interrupted: ${describe(error)}`);
  }
  return failed(INTERRUPTED_ERROR);
}

/** Renews the lease every `intervalMs`; aborts `work` when another bridge took the task. */
function keepLease(
  task: ClaimedTask,
  deps: RunTaskDeps,
  intervalMs: number,
  work: AbortController,
  log: Logger,
) {
  let lost = false;
  const timer = setInterval(() => {
    deps.api.heartbeat(task.id).catch((error: unknown) => {
      if (error instanceof LeaseLostError) {
        lost = true;
        work.abort(error);
      } else log.warn({ err: error }, "heartbeat failed; retrying");
    });
  }, intervalMs);
  return { lost: () => lost, stop: () => clearInterval(timer) };
}

export async function runTask(task: ClaimedTask, deps: RunTaskDeps): Promise<void> {
  const log = deps.logger.child({
    taskId: task.id,
    agent: task.agent.handle,
    channel: task.channel.name,
  });
  // Confirms the claim at once: an unconfirmed claim is given back within seconds.
  let leaseMs: number;
  try {
    leaseMs = await deps.api.heartbeat(task.id);
  } catch (error) {
    if (!(error instanceof LeaseLostError)) throw error;
    log.warn("the claim expired before it was confirmed; another bridge may take it");
    return;
  }
  let channel: Awaited<ReturnType<ChannelConnections["open"]>>;
  try {
    channel = await deps.channels.open(task.documentName);
  } catch (error) {
    if (!(error instanceof ChannelDeniedError)) throw error; // retried on the next claim
    // The agent lost access (removed from the channel, deactivated): asking again will not help.
    await deps.api.finish(task.id, failed(`the agent cannot open this channel: ${error.reason}`));
    log.warn({ reason: error.reason }, "channel refused; task failed");
    return;
  }
  const agent: Actor = { kind: "agent", id: task.agent.id };
  const work = new AbortController();
  const abortWhenShutdown = () => work.abort(new Error("shutdown"));
  deps.shutdown.addEventListener("abort", abortWhenShutdown, { once: true });
  const interval = deps.heartbeatMs ?? Math.max(100, Math.floor(leaseMs / 3));
  const lease = keepLease(task, deps, interval, work, log);
  try {
    const existing =
      task.replyMessageId === null ? undefined : getMessage(channel.doc, task.replyMessageId);
    const ending =
      existing !== undefined
        ? settleExisting(channel.doc, agent, task, existing)
        : await writeReply(channel.doc, agent, task, deps, work.signal, task.replyMessageId);
    if (lease.lost()) {
      log.warn("lease lost: another bridge took this task over");
      return;
    }
    await channel.flushed(ACK_TIMEOUT_MS);
    await deps.api.finish(task.id, ending);
    log.info(
      { status: ending.status, outputTokens: ending.outputTokens, error: ending.error },
      "task finished",
    );
  } finally {
    lease.stop();
    deps.shutdown.removeEventListener("abort", abortWhenShutdown);
    channel.release();
  }
}
