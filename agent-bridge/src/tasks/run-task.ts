// Runs one claimed task end to end: opens the channel, writes the reply (or,
// when a previous claim already started it, settles that one instead of
// writing a second), renews the lease while it works, delivers the reply to
// the server and finishes the ledger entry with model, usage and reason.
//
// Delivery outlasts outages (./delivery.ts): while the server is away the
// reply keeps growing in the bridge's copy of the document, and is sent whole
// once the server is back and the claim renewed. A bridge shut down before it
// could deliver keeps the reply on disk for its next process (./redeliver.ts).
import {
  type Actor,
  type ClaimedTask,
  finishAgentReply,
  getMessage,
  type MessageView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import type { ProviderRegistry } from "../model/provider-registry.ts";
import type { UndeliveredReplies } from "../replies/undelivered-replies.ts";
import { type BridgeApi, LeaseLostError } from "../server/bridge-api.ts";
import {
  type ChannelConnections,
  ChannelDeniedError,
  type OpenChannel,
} from "../server/channel-connections.ts";
import { deliver, reportLostUsage, type Settled } from "./delivery.ts";
import { describe, endingOf, failed, finishRequest, INTERRUPTED_ERROR } from "./endings.ts";
import type { PromptBudget } from "./prompt.ts";
import { redeliver } from "./redeliver.ts";
import { writeReply } from "./write-reply.ts";

export { BUDGET_REPLY, INTERRUPTED_ERROR } from "./endings.ts";

export interface RunTaskDeps {
  api: BridgeApi;
  channels: ChannelConnections;
  providers: ProviderRegistry;
  logger: Logger;
  /** Batching window for appends (ms). */
  flushMs: number;
  /** How often to renew the lease; by default a third of the server's lease length. */
  heartbeatMs?: number;
  /** Aborts running tasks when the bridge shuts down. */
  shutdown: AbortSignal;
  /** Where replies not delivered by shutdown are kept for the next bridge process (or nowhere). */
  undelivered?: UndeliveredReplies;
  /** The prompt's token budgets (default DEFAULT_BUDGET). */
  budget?: PromptBudget;
  /** Called once the reply is settled in the bridge's copy, before it is delivered. */
  onSettled?: (taskId: string) => void;
}

/** A previous claim started this reply: settle it instead of writing a second one. */
function settleExisting(
  doc: Y.Doc,
  agent: Actor,
  task: ClaimedTask,
  message: MessageView,
): Settled {
  const recorded = endingOf(message, task.provider.name);
  // It finished; only the ledger missed it. Its tokens are the claim's that wrote it.
  if (recorded !== null) return { ending: recorded, usageAttempt: task.replyAttempt };
  if (message.deleted) {
    return { ending: failed("the reply was deleted before it finished"), usageAttempt: null };
  }
  try {
    finishAgentReply(doc, agent, {
      messageId: message.id,
      taskId: task.id,
      status: "failed",
      error: INTERRUPTED_ERROR,
    });
  } catch (error) {
    const ending = failed(`could not mark the reply interrupted: ${describe(error)}`);
    return { ending, usageAttempt: null };
  }
  // The interrupted claim's tokens are reported by that claim's bridge, if it comes back.
  return { ending: failed(INTERRUPTED_ERROR), usageAttempt: null };
}

/**
 * Renews the lease every `intervalMs`; aborts `work` when another bridge took the task. After
 * failed renewals (the server was away) a successful one resumes the channel's connection.
 */
function keepLease(
  task: ClaimedTask,
  deps: RunTaskDeps,
  intervalMs: number,
  work: AbortController,
  channel: OpenChannel,
  log: Logger,
) {
  let lost = false;
  let failing = false;
  const timer = setInterval(() => {
    deps.api.heartbeat(task).then(
      () => {
        if (failing) channel.resume();
        failing = false;
      },
      (error: unknown) => {
        if (error instanceof LeaseLostError) {
          lost = true;
          work.abort(error);
          return;
        }
        failing = true;
        log.warn({ err: error }, "heartbeat failed; retrying");
      },
    );
  }, intervalMs);
  return { lost: () => lost, stop: () => clearInterval(timer) };
}

export async function runTask(task: ClaimedTask, deps: RunTaskDeps): Promise<void> {
  const log = deps.logger.child({
    taskId: task.id,
    attempt: task.attempt,
    agent: task.agent.handle,
    channel: task.channel.name,
  });
  // Confirms the claim at once: an unconfirmed claim is given back within seconds.
  let leaseMs: number;
  try {
    leaseMs = (await deps.api.heartbeat(task)).leaseMs;
  } catch (error) {
    if (!(error instanceof LeaseLostError)) throw error;
    log.warn("the claim expired before it was confirmed; another bridge may take it");
    return;
  }
  let channel: OpenChannel;
  try {
    channel = await deps.channels.open(task.documentName);
  } catch (error) {
    if (!(error instanceof ChannelDeniedError)) throw error; // retried on the next claim
    // The agent lost access (removed from the channel, deactivated): asking again will not help.
    await deps.api.finish(
      task,
      finishRequest(failed(`the agent cannot open this channel: ${error.reason}`), null),
    );
    log.warn({ reason: error.reason }, "channel refused; task failed");
    return;
  }
  const agent: Actor = { kind: "agent", id: task.agent.id };
  const work = new AbortController();
  const abortWhenShutdown = () => work.abort(new Error("shutdown"));
  deps.shutdown.addEventListener("abort", abortWhenShutdown, { once: true });
  const interval = deps.heartbeatMs ?? Math.max(100, Math.floor(leaseMs / 3));
  const lease = keepLease(task, deps, interval, work, channel, log);
  try {
    const existing =
      task.replyMessageId === null ? undefined : getMessage(channel.doc, task.replyMessageId);
    let settled: Settled;
    let messageId: string | null = null;
    if (existing !== undefined) {
      settled = settleExisting(channel.doc, agent, task, existing);
    } else {
      const written = await writeReply(
        channel.doc,
        agent,
        task,
        deps,
        work.signal,
        task.replyMessageId,
      );
      settled = { ending: written.ending, usageAttempt: task.attempt };
      messageId = written.messageId;
    }
    deps.onSettled?.(task.id);
    // Kept on disk while it waits for the server, so that a bridge stopped or killed meanwhile
    // leaves it to its next process; removed once it is delivered or its usage reported.
    const keep = () => {
      const body = messageId === null ? "" : (getMessage(channel.doc, messageId)?.body ?? "");
      deps.undelivered?.save({ task, messageId, body, ...settled });
    };
    const outcome = lease.lost() ? "lost" : await deliver(task, settled, deps, channel, log, keep);
    if (typeof outcome === "object") {
      log.warn(
        { documentName: outcome.movedTo },
        "the channel was split before the reply was delivered: writing it into its thread's document",
      );
      const body = messageId === null ? "" : (getMessage(channel.doc, messageId)?.body ?? "");
      const moved = { ...task, documentName: outcome.movedTo };
      await redeliver({ task: moved, messageId, body, ...settled }, deps);
      return;
    }
    if (outcome === "shut down") {
      keep();
      log.warn(
        { status: settled.ending.status, kept: deps.undelivered !== undefined },
        "shut down before the reply was delivered",
      );
      return;
    }
    if (outcome === "lost") {
      log.warn("lease lost: another bridge took this task over");
      const reported =
        settled.usageAttempt !== task.attempt ||
        (await reportLostUsage(task, settled.ending, deps, log));
      if (reported) deps.undelivered?.remove(task.id);
      else keep(); // the next process reports it
      return;
    }
    deps.undelivered?.remove(task.id);
    log.info(
      {
        status: settled.ending.status,
        outputTokens: settled.ending.outputTokens,
        error: settled.ending.error,
      },
      "task finished",
    );
  } finally {
    lease.stop();
    deps.shutdown.removeEventListener("abort", abortWhenShutdown);
    channel.release();
  }
}
