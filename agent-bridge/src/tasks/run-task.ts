// Runs one claimed task end to end: opens the channel, posts the agent's
// reply at once (running), streams the model's text into it in batches,
// renews the lease while it works, stops when someone asks, and finishes the
// reply and the ledger entry with model, usage and stop reason.
import {
  type Actor,
  type ClaimedTask,
  defaultEnv,
  type FinishTaskRequest,
  finishAgentReply,
  getMessage,
  isStopRequested,
  observeChannelChanges,
  startAgentReply,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import { ModelError, type ModelProvider } from "../model/model-provider.ts";
import { ReplyWriter } from "../replies/reply-writer.ts";
import { type BridgeApi, LeaseLostError } from "../server/bridge-api.ts";
import type { ChannelConnections } from "../server/channel-connections.ts";
import { buildPrompt } from "./prompt.ts";

export const INTERRUPTED_ERROR =
  "Interrupted: the agent bridge stopped while writing this reply. Use Retry to ask again.";
export const BUDGET_REPLY =
  "My monthly token budget is spent, so I cannot answer until next month. An admin can raise the budget.";

export interface RunTaskDeps {
  api: BridgeApi;
  channels: ChannelConnections;
  provider: ModelProvider;
  logger: Logger;
  /** Batching window for appends (ms). */
  flushMs: number;
  heartbeatMs: number;
  /** Aborts running tasks when the bridge shuts down. */
  shutdown: AbortSignal;
}

type Ending = Omit<FinishTaskRequest, "model"> & { model: string | null };

const ACK_TIMEOUT_MS = 15_000;

export async function runTask(task: ClaimedTask, deps: RunTaskDeps): Promise<void> {
  const log = deps.logger.child({
    taskId: task.id,
    agent: task.agent.handle,
    channel: task.channel.name,
  });
  const channel = await deps.channels.open(task.documentName);
  const agent: Actor = { kind: "agent", id: task.agent.id };
  const work = new AbortController();
  const abortWhenShutdown = () => work.abort(new Error("shutdown"));
  deps.shutdown.addEventListener("abort", abortWhenShutdown, { once: true });
  let leaseLost = false;
  const heartbeat = setInterval(() => {
    deps.api.heartbeat(task.id).catch((error: unknown) => {
      if (error instanceof LeaseLostError) {
        leaseLost = true;
        work.abort(error);
      } else log.warn({ err: error }, "heartbeat failed; retrying");
    });
  }, deps.heartbeatMs);
  try {
    const existing =
      task.replyMessageId === null ? undefined : getMessage(channel.doc, task.replyMessageId);
    const ending =
      existing !== undefined
        ? endInterrupted(channel.doc, agent, task, existing.id)
        : await writeReply(channel.doc, agent, task, deps, work.signal, task.replyMessageId);
    if (leaseLost) {
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
    clearInterval(heartbeat);
    deps.shutdown.removeEventListener("abort", abortWhenShutdown);
    channel.release();
  }
}

/** A previous bridge started this reply and died: mark it interrupted instead of writing a second one. */
function endInterrupted(doc: Y.Doc, agent: Actor, task: ClaimedTask, messageId: string): Ending {
  const message = getMessage(doc, messageId);
  if (message?.task?.status === "running") {
    finishAgentReply(doc, agent, {
      messageId,
      taskId: task.id,
      status: "failed",
      error: INTERRUPTED_ERROR,
    });
  }
  return {
    status: "failed",
    model: null,
    inputTokens: 0,
    outputTokens: 0,
    stopReason: null,
    error: INTERRUPTED_ERROR,
  };
}

async function writeReply(
  doc: Y.Doc,
  agent: Actor,
  task: ClaimedTask,
  deps: RunTaskDeps,
  signal: AbortSignal,
  knownId: string | null,
): Promise<Ending> {
  // The id is recorded on the server before the message exists, so a bridge that dies in between
  // leaves a task that the next claim recognises instead of answering twice.
  const messageId = knownId ?? defaultEnv.newId();
  if (knownId === null) await deps.api.replyStarted(task.id, messageId);
  startAgentReply(
    doc,
    agent,
    { threadId: task.threadId, forkId: task.forkId, taskId: task.id, model: task.config.model },
    { now: Date.now, newId: () => messageId },
  );
  const writer = new ReplyWriter(doc, agent, { messageId, taskId: task.id }, deps.flushMs);
  const stop = new AbortController();
  const stopOnRequest = observeChannelChanges(doc, (changes) => {
    if (changes.stopRequested.includes(messageId)) stop.abort();
  });
  if (isStopRequested(doc, messageId)) stop.abort();
  const finish = (ending: Ending) => {
    writer.flush();
    finishAgentReply(doc, agent, {
      messageId,
      taskId: task.id,
      status: ending.status,
      usage: { inputTokens: ending.inputTokens, outputTokens: ending.outputTokens },
      ...(ending.model === null ? {} : { model: ending.model }),
      ...(ending.stopReason === null ? {} : { stopReason: ending.stopReason }),
      ...(ending.error === null ? {} : { error: ending.error }),
    });
    return ending;
  };
  try {
    if (task.budget.exhausted) {
      writer.push(BUDGET_REPLY);
      return finish({
        status: "completed",
        model: null,
        inputTokens: 0,
        outputTokens: 0,
        stopReason: "budget_exhausted",
        error: null,
      });
    }
    const result = await deps.provider.generate(buildPrompt(doc, task, messageId), {
      signal: AbortSignal.any([signal, stop.signal]),
      onText: (text) => writer.push(text),
    });
    return finish({
      status: "completed",
      model: result.model,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      stopReason: result.stopReason,
      error: null,
    });
  } catch (error) {
    if (stop.signal.aborted) {
      return finish({
        status: "cancelled",
        model: task.config.model,
        inputTokens: 0,
        outputTokens: 0,
        stopReason: "stopped_by_user",
        error: null,
      });
    }
    if (signal.aborted) {
      return finish({
        status: "failed",
        model: task.config.model,
        inputTokens: 0,
        outputTokens: 0,
        stopReason: null,
        error: INTERRUPTED_ERROR,
      });
    }
    const message =
      error instanceof ModelError ? error.message : `the agent failed: ${String(error)}`;
    return finish({
      status: "failed",
      model: task.config.model,
      inputTokens: 0,
      outputTokens: 0,
      stopReason: null,
      error: message,
    });
  } finally {
    stopOnRequest();
  }
}
