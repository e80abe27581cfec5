// The tool steps of one agent reply in the shared document: each call shown
// `running` (or awaiting a person's approval) when it starts, and ended once
// with its outcome. A decision on an awaiting step is a person's document
// write; the bridge waits for the first one to arrive, or the timeout.
import {
  type Actor,
  type FinishToolStepInput,
  finishToolStep,
  observeToolDecisions,
  runToolStep,
  startToolStep,
  type ToolDecisionView,
  toolDecisionOf,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { ReplyTarget } from "../replies/reply-writer.ts";

export type StepEnding = Omit<FinishToolStepInput, "stepId">;

export interface ReplySteps {
  start(tool: string, input: unknown, awaitingApproval: boolean): string;
  /** An approved step runs; `summary` says who approved it. */
  run(stepId: string, summary: string): void;
  finish(stepId: string, ending: StepEnding): void;
  /** The first decision on the step; null when none came within `timeoutMs`; rejects on abort. */
  awaitDecision(
    stepId: string,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<ToolDecisionView | null>;
}

function awaitDecision(
  doc: Y.Doc,
  stepId: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ToolDecisionView | null> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      unobserve();
      signal.removeEventListener("abort", aborted);
      outcome();
    };
    const check = () => {
      const decided = toolDecisionOf(doc, stepId);
      if (decided !== null) settle(() => resolve(decided));
    };
    const aborted = () => settle(() => reject(signal.reason));
    const timer = setTimeout(() => settle(() => resolve(null)), timeoutMs);
    const unobserve = observeToolDecisions(doc, check);
    signal.addEventListener("abort", aborted, { once: true });
    if (signal.aborted) aborted();
    else check();
  });
}

export function replySteps(doc: Y.Doc, agent: Actor, target: ReplyTarget): ReplySteps {
  return {
    start: (tool, input, awaitingApproval) =>
      startToolStep(doc, agent, { ...target, tool, input, awaitingApproval }),
    run: (stepId, summary) => runToolStep(doc, agent, stepId, summary),
    finish: (stepId, ending) => finishToolStep(doc, agent, { stepId, ...ending }),
    awaitDecision: (stepId, timeoutMs, signal) => awaitDecision(doc, stepId, timeoutMs, signal),
  };
}
