// Writes one agent reply into an open channel document: posts it at once
// (running), streams the model's text into it in batches, stops when someone
// asks, and records how it ended on the message. Never throws for what the
// document refuses: that becomes a failed ending with its reason.
import {
  type Actor,
  type ClaimedTask,
  defaultEnv,
  finishAgentReply,
  isStopRequested,
  type ModelProviderName,
  observeChannelChanges,
  startAgentReply,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { ModelError } from "../model/model-provider.ts";
import type { ProviderRegistry } from "../model/provider-registry.ts";
import { type ReplyTarget, ReplyWriter } from "../replies/reply-writer.ts";
import { answer } from "../tools/answer.ts";
import { replySteps } from "../tools/reply-steps.ts";
import {
  BUDGET_REPLY,
  budgetSpent,
  cancelled,
  completed,
  describe,
  type Ending,
  failed,
  INTERRUPTED_ERROR,
} from "./endings.ts";
import { reportPrompt } from "./prompt-report.ts";
import { type PromptDeps, type ReplyPlan, replyPlan, skippedEnding } from "./reply-plan.ts";

export interface WriteReplyDeps extends PromptDeps {
  providers: ProviderRegistry;
  flushMs: number;
}

/** Records `ending` on the reply message (throws what the document refuses). */
export function recordEnding(doc: Y.Doc, agent: Actor, target: ReplyTarget, ending: Ending): void {
  finishAgentReply(doc, agent, {
    ...target,
    status: ending.status,
    usage: { inputTokens: ending.inputTokens, outputTokens: ending.outputTokens },
    ...(ending.model === null ? {} : { model: ending.model }),
    ...(ending.stopReason === null ? {} : { stopReason: ending.stopReason }),
    ...(ending.error === null ? {} : { error: ending.error }),
  });
}

/** Records the final state on the message; a refusal (reply deleted meanwhile) fails the ending. */
function closeReply(
  doc: Y.Doc,
  agent: Actor,
  target: ReplyTarget,
  writer: ReplyWriter,
  ending: Ending,
): Ending {
  writer.flush();
  // Whatever went wrong in the document, the model's tokens were spent: keep them.
  const usage = { inputTokens: ending.inputTokens, outputTokens: ending.outputTokens };
  const final =
    writer.error === null
      ? ending
      : failed(`could not write the reply: ${describe(writer.error)}`, ending.model, usage);
  try {
    recordEnding(doc, agent, target, final);
    return final;
  } catch (error) {
    return failed(`could not finish the reply: ${describe(error)}`, final.model, usage);
  }
}

export interface WrittenReply {
  ending: Ending;
  /** The reply message, or null when none was started (nothing to answer, or nowhere to). */
  messageId: string | null;
}

/**
 * `signal` aborts when the bridge shuts down or loses the lease (the reply ends interrupted).
 * `knownId` is the reply id a previous claim recorded but never wrote.
 */
export async function writeReply(
  doc: Y.Doc,
  agent: Actor,
  task: ClaimedTask,
  deps: WriteReplyDeps,
  signal: AbortSignal,
  knownId: string | null,
): Promise<WrittenReply> {
  // The id is recorded on the server before the message exists, so a bridge that dies in between
  // leaves a task that the next claim recognises instead of answering twice. A known id is
  // recorded again: this claim is now the one writing it (and consuming the tokens behind it).
  const plan = replyPlan(doc, task, deps);
  if (plan.skip !== null) return { ending: skippedEnding(plan.skip), messageId: null };
  const messageId = knownId ?? defaultEnv.newId();
  await deps.api.replyStarted(task, messageId);
  const model = task.config.model;
  try {
    startAgentReply(
      doc,
      agent,
      { ...plan.target, taskId: task.id, model },
      { now: Date.now, newId: () => messageId },
    );
  } catch (error) {
    // The thread is gone, archived or malformed: there is nothing to answer into.
    return { ending: failed(`cannot reply in this thread: ${describe(error)}`), messageId: null };
  }
  return { ending: await stream(doc, agent, task, deps, signal, plan, messageId), messageId };
}

/** Streams the model's answer into the started reply and records how it ended. */
async function stream(
  doc: Y.Doc,
  agent: Actor,
  task: ClaimedTask,
  deps: WriteReplyDeps,
  signal: AbortSignal,
  plan: ReplyPlan,
  messageId: string,
): Promise<Ending> {
  const model = task.config.model;
  const target = { messageId, taskId: task.id };
  const writeFailed = new AbortController();
  const writer = new ReplyWriter(doc, agent, target, {
    flushMs: deps.flushMs,
    onError: (error) => writeFailed.abort(error),
  });
  const stop = new AbortController();
  const unobserve = observeChannelChanges(doc, (changes) => {
    if (changes.stopRequested.includes(messageId)) stop.abort();
  });
  if (isStopRequested(doc, messageId)) stop.abort();
  // The provider the model was called through, once one is: its tokens are recorded under it.
  let calledThrough: ModelProviderName | null = null;
  const finish = (ending: Ending) => {
    const final = closeReply(doc, agent, target, writer, { ...ending, provider: calledThrough });
    plan.afterFinish(doc, agent, { messageId, status: final.status, stopReason: final.stopReason });
    return final;
  };
  try {
    if (task.budget.exhausted) {
      writer.push(BUDGET_REPLY);
      return finish(budgetSpent());
    }
    const provider = deps.providers.forTask(task.provider);
    calledThrough = provider.provider;
    const ended = AbortSignal.any([signal, stop.signal, writeFailed.signal]);
    const prompt = await plan.prompt(doc, messageId, ended);
    ended.throwIfAborted();
    await reportPrompt(task, deps, provider.provider, prompt, ended);
    ended.throwIfAborted();
    const result = await answer(provider, prompt.request, task, {
      signal: ended,
      onText: (text) => writer.push(text),
      steps: replySteps(doc, agent, target),
      logger: deps.logger,
      api: deps.api,
    });
    return finish(completed(result));
  } catch (error) {
    const usage = error instanceof ModelError ? error.usage : undefined;
    if (stop.signal.aborted) return finish(cancelled(model, usage));
    if (signal.aborted) return finish(failed(INTERRUPTED_ERROR, model, usage));
    return finish(failed(describe(error), model, usage));
  } finally {
    unobserve();
  }
}
