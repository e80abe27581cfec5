// Runs one claimed task end to end: opens the channel, writes the reply (or,
// when a previous claim already started it, settles that one instead of
// writing a second), renews the lease while it works, delivers the reply to
// the server and finishes the ledger entry with model, usage and reason.
//
// Delivery outlasts outages: while the server is away the reply keeps growing
// in the bridge's copy of the document; when the server is back the bridge
// renews its claim if no other bridge took the task meanwhile (even after the
// lease ran out), reconnects and sends the whole reply. A claim another bridge
// took over reports only the tokens its model call consumed.
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
import {
  type ChannelConnections,
  ChannelDeniedError,
  type OpenChannel,
} from "../server/channel-connections.ts";
import {
  describe,
  type Ending,
  endingOf,
  failed,
  finishRequest,
  INTERRUPTED_ERROR,
} from "./endings.ts";
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

/** How long one attempt to hand the reply to the server waits for its acknowledgement. */
const ACK_TIMEOUT_MS = 15_000;
/** Pauses between attempts to deliver while the server is away. */
const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5_000;

/** How the task ends, and whose model call its tokens are (see `finishRequest`). */
interface Settled {
  ending: Ending;
  usageAttempt: number | null;
}

/** A previous claim started this reply: settle it instead of writing a second one. */
function settleExisting(
  doc: Y.Doc,
  agent: Actor,
  task: ClaimedTask,
  message: MessageView,
): Settled {
  const recorded = endingOf(message);
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

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * Hands the settled reply to the server and finishes the ledger entry, retrying while the
 * server is away: renew the claim (refused only when another claim took the task), reconnect,
 * wait for the server's acknowledgement of the whole reply, finish. Returns false when the task
 * was lost, or when the bridge shut down before it could deliver.
 */
async function deliver(
  task: ClaimedTask,
  settled: Settled,
  deps: RunTaskDeps,
  channel: OpenChannel,
  log: Logger,
): Promise<"finished" | "lost" | "shut down"> {
  let wait = RETRY_MIN_MS;
  for (let tries = 1; ; tries += 1) {
    try {
      await deps.api.heartbeat(task);
      channel.resume();
      await channel.flushed(ACK_TIMEOUT_MS);
      await deps.api.finish(task, finishRequest(settled.ending, settled.usageAttempt));
      if (tries > 1) log.info({ tries }, "reply delivered after the server came back");
      return "finished";
    } catch (error) {
      if (error instanceof LeaseLostError) return "lost";
      if (deps.shutdown.aborted) return "shut down";
      // The server is away, or refused the channel before the renewal reached it: try again.
      const level = error instanceof ChannelDeniedError ? "info" : "warn";
      log[level]({ err: error, retryInMs: wait }, "reply not delivered yet; retrying");
      await pause(wait, deps.shutdown);
      if (deps.shutdown.aborted) return "shut down";
      wait = Math.min(RETRY_MAX_MS, wait * 2);
    }
  }
}

/** Reports the tokens a lost claim's model call consumed (best effort: the server may be away). */
async function reportLostUsage(task: ClaimedTask, ending: Ending, deps: RunTaskDeps, log: Logger) {
  if (ending.inputTokens === 0 && ending.outputTokens === 0) return;
  const usage = {
    model: ending.model,
    inputTokens: ending.inputTokens,
    outputTokens: ending.outputTokens,
  };
  let wait = RETRY_MIN_MS;
  for (let tries = 0; tries < 6; tries += 1) {
    try {
      await deps.api.lostClaimUsage(task, usage);
      return;
    } catch (error) {
      log.warn({ err: error }, "could not report the lost claim's usage; retrying");
      await pause(wait, deps.shutdown);
      if (deps.shutdown.aborted) break;
      wait = Math.min(RETRY_MAX_MS, wait * 2);
    }
  }
  log.error({ usage }, "the usage of a lost claim was not recorded");
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
    leaseMs = await deps.api.heartbeat(task);
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
    const settled: Settled =
      existing !== undefined
        ? settleExisting(channel.doc, agent, task, existing)
        : {
            ending: await writeReply(
              channel.doc,
              agent,
              task,
              deps,
              work.signal,
              task.replyMessageId,
            ),
            usageAttempt: task.attempt,
          };
    const outcome = lease.lost() ? "lost" : await deliver(task, settled, deps, channel, log);
    if (outcome === "lost") {
      log.warn("lease lost: another bridge took this task over");
      if (settled.usageAttempt === task.attempt) {
        await reportLostUsage(task, settled.ending, deps, log);
      }
      return;
    }
    if (outcome === "shut down") {
      log.warn({ status: settled.ending.status }, "shut down before the reply was delivered");
      return;
    }
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
