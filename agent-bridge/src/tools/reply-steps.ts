// The tool steps of one agent reply in the shared document: each call shown
// `running` when it starts and ended once with its outcome.
import {
  type Actor,
  type FinishToolStepInput,
  finishToolStep,
  startToolStep,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { ReplyTarget } from "../replies/reply-writer.ts";

export type StepEnding = Omit<FinishToolStepInput, "stepId">;

export interface ReplySteps {
  start(tool: string, input: unknown): string;
  finish(stepId: string, ending: StepEnding): void;
}

export function replySteps(doc: Y.Doc, agent: Actor, target: ReplyTarget): ReplySteps {
  return {
    start: (tool, input) => startToolStep(doc, agent, { ...target, tool, input }),
    finish: (stepId, ending) => finishToolStep(doc, agent, { stepId, ...ending }),
  };
}
