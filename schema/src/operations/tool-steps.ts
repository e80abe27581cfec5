import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { notFound } from "../errors.ts";
import { defaultEnv, type Env, freshId } from "../ids.ts";
import { toolStepsMap } from "../layout.ts";
import {
  isToolStepRecord,
  MAX_TOOL_INPUT_LENGTH,
  MAX_TOOL_RESULT_LENGTH,
  MAX_TOOL_SUMMARY_LENGTH,
  type ToolStepRecord,
  type ToolStepStatus,
} from "../records/tool-step.ts";
import { requireRunningReply } from "./agent-replies.ts";
import { assertCanWrite } from "./preconditions.ts";
import { nextThreadStamp } from "./stamps.ts";
import { commit } from "./transaction.ts";

/** Cuts `text` to `limit` characters, marking the cut. */
function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export interface StartToolStepInput {
  readonly messageId: string;
  readonly taskId: string;
  readonly tool: string;
  /** The input as the model gave it (shown cut to MAX_TOOL_INPUT_LENGTH). */
  readonly input: unknown;
}

/** Shows a tool call in the agent's running reply, as `running`; returns the step's id. */
export function startToolStep(
  doc: Y.Doc,
  agent: Actor,
  input: StartToolStepInput,
  env: Env = defaultEnv,
): string {
  assertCanWrite(doc, agent, "agent");
  const { message } = requireRunningReply(doc, agent, input.messageId, input.taskId);
  const steps = toolStepsMap(doc);
  let index = 0;
  steps.forEach((value) => {
    if (isToolStepRecord(value) && value.messageId === input.messageId) index += 1;
  });
  const id = freshId(env);
  const step: ToolStepRecord = {
    messageId: input.messageId,
    taskId: input.taskId,
    agent: { kind: "agent", id: agent.id },
    index,
    tool: clip(input.tool, 200),
    input: clip(JSON.stringify(input.input) ?? "null", MAX_TOOL_INPUT_LENGTH),
    status: "running",
    summary: "",
    result: "",
    startedAt: nextThreadStamp(doc, message.threadId, env),
    durationMs: null,
  };
  commit(doc, agent, "startToolStep", () => steps.set(id, step), input.taskId);
  return id;
}

export interface FinishToolStepInput {
  readonly stepId: string;
  readonly status: Exclude<ToolStepStatus, "running">;
  readonly summary: string;
  readonly result: string;
  readonly durationMs: number;
}

/** Records how a running step ended (its result or error); a finished step stays as it is. */
export function finishToolStep(doc: Y.Doc, agent: Actor, input: FinishToolStepInput): void {
  assertCanWrite(doc, agent, "agent");
  const steps = toolStepsMap(doc);
  const step = steps.get(input.stepId);
  if (!isToolStepRecord(step) || step.agent.id !== agent.id) {
    throw notFound("toolStep", input.stepId);
  }
  if (step.status !== "running") return;
  const finished: ToolStepRecord = {
    ...step,
    status: input.status,
    summary: clip(input.summary, MAX_TOOL_SUMMARY_LENGTH),
    result: clip(input.result, MAX_TOOL_RESULT_LENGTH),
    durationMs: Math.max(0, Math.round(input.durationMs)),
  };
  commit(doc, agent, "finishToolStep", () => steps.set(input.stepId, finished), step.taskId);
}
