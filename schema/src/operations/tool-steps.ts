import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { notFound } from "../errors.ts";
import { defaultEnv, type Env, freshId } from "../ids.ts";
import { toolStepsMap } from "../layout.ts";
import {
  isOpenToolStep,
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
  /** The call waits for a person's approval (the tool's policy is "ask"). */
  readonly awaitingApproval?: boolean;
}

/** Shows a tool call in the agent's running reply (running, or awaiting approval); returns its id. */
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
    status: input.awaitingApproval === true ? "awaiting" : "running",
    summary: "",
    result: "",
    startedAt: nextThreadStamp(doc, message.threadId, env),
    durationMs: null,
  };
  commit(doc, agent, "startToolStep", () => steps.set(id, step), input.taskId);
  return id;
}

/** The agent's open step with this id. */
function requireOwnStep(doc: Y.Doc, agent: Actor, stepId: string): ToolStepRecord {
  const step = toolStepsMap(doc).get(stepId);
  if (!isToolStepRecord(step) || step.agent.id !== agent.id) throw notFound("toolStep", stepId);
  return step;
}

/** An approved step runs now; `summary` says who approved it. */
export function runToolStep(doc: Y.Doc, agent: Actor, stepId: string, summary: string): void {
  assertCanWrite(doc, agent, "agent");
  const step = requireOwnStep(doc, agent, stepId);
  if (step.status !== "awaiting") return;
  const running: ToolStepRecord = {
    ...step,
    status: "running",
    summary: clip(summary, MAX_TOOL_SUMMARY_LENGTH),
  };
  commit(doc, agent, "runToolStep", () => toolStepsMap(doc).set(stepId, running), step.taskId);
}

export interface FinishToolStepInput {
  readonly stepId: string;
  readonly status: Exclude<ToolStepStatus, "running" | "awaiting">;
  readonly summary: string;
  readonly result: string;
  readonly durationMs: number;
}

/** Records how an open step ended (its result, error, or denial); a finished step stays as it is. */
export function finishToolStep(doc: Y.Doc, agent: Actor, input: FinishToolStepInput): void {
  assertCanWrite(doc, agent, "agent");
  const steps = toolStepsMap(doc);
  const step = requireOwnStep(doc, agent, input.stepId);
  if (!isOpenToolStep(step.status)) return;
  const finished: ToolStepRecord = {
    ...step,
    status: input.status,
    summary: clip(input.summary, MAX_TOOL_SUMMARY_LENGTH),
    result: clip(input.result, MAX_TOOL_RESULT_LENGTH),
    durationMs: Math.max(0, Math.round(input.durationMs)),
  };
  commit(doc, agent, "finishToolStep", () => steps.set(input.stepId, finished), step.taskId);
}
