import { type Actor, isActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { isEntityId } from "../ids.ts";
import { ROOT_NAMES } from "../layout.ts";
import { MAX_BODY_LENGTH } from "../validation.ts";
import { canPost, fieldsOf, type RootWriteRule, sameActorAs } from "../write-rules/entry-write.ts";
import { isFiniteNumber, isRecord, isString, oneOf } from "./guards.ts";
import { isTaskState } from "./task.ts";

/**
 * "awaiting" a person's approval (a tool with the "ask" policy), "running" until the call ends:
 * with a result, an error, cancelled (Stop, shutdown), or "denied" (refused, or not approved in
 * time: never run).
 */
export const TOOL_STEP_STATUSES = [
  "awaiting",
  "running",
  "ok",
  "error",
  "cancelled",
  "denied",
] as const;
export type ToolStepStatus = (typeof TOOL_STEP_STATUSES)[number];

/** The statuses a step leaves once, for good. */
export const OPEN_TOOL_STEP_STATUSES: readonly ToolStepStatus[] = ["awaiting", "running"];

export function isOpenToolStep(status: ToolStepStatus): boolean {
  return OPEN_TOOL_STEP_STATUSES.includes(status);
}

/** A tool's input as the model gave it (JSON), shown in the step. */
export const MAX_TOOL_INPUT_LENGTH = 4_000;
/** One line saying what came back. */
export const MAX_TOOL_SUMMARY_LENGTH = 300;
/** The result as the model saw it (already cut to the agent's limit). */
export const MAX_TOOL_RESULT_LENGTH = MAX_BODY_LENGTH;

/**
 * One tool call of an agent reply: a value of the `toolSteps` map, keyed by its own id. Written
 * `running` (or `awaiting` approval) when the call starts, `running` once approved, and replaced
 * once with how it ended; a final step never changes.
 */
export interface ToolStepRecord {
  readonly messageId: string;
  readonly taskId: string;
  readonly agent: Actor;
  /** Its place among the reply's steps, from 0. */
  readonly index: number;
  readonly tool: string;
  readonly input: string;
  readonly status: ToolStepStatus;
  readonly summary: string;
  readonly result: string;
  readonly startedAt: Stamp;
  /** Null until it ends. */
  readonly durationMs: number | null;
}

const maxLength = (limit: number) => (value: unknown) => isString(value) && value.length <= limit;

export function isToolStepRecord(value: unknown): value is ToolStepRecord {
  return (
    isRecord(value) &&
    isEntityId(value.messageId) &&
    isEntityId(value.taskId) &&
    isActor(value.agent) &&
    value.agent.kind === "agent" &&
    isFiniteNumber(value.index) &&
    Number.isInteger(value.index) &&
    value.index >= 0 &&
    maxLength(200)(value.tool) &&
    maxLength(MAX_TOOL_INPUT_LENGTH)(value.input) &&
    oneOf(TOOL_STEP_STATUSES)(value.status) &&
    maxLength(MAX_TOOL_SUMMARY_LENGTH)(value.summary) &&
    maxLength(MAX_TOOL_RESULT_LENGTH)(value.result) &&
    isStamp(value.startedAt) &&
    (value.durationMs === null || (isFiniteNumber(value.durationMs) && value.durationMs >= 0))
  );
}

/** What a step's ending may change; everything else is fixed when it starts. */
const ENDING_FIELDS: ReadonlySet<string> = new Set(["status", "summary", "result", "durationMs"]);

function changesFixedFields(before: ToolStepRecord, after: ToolStepRecord): boolean {
  return Object.keys({ ...before, ...after }).some(
    (field) =>
      !ENDING_FIELDS.has(field) &&
      JSON.stringify(before[field as keyof ToolStepRecord]) !==
        JSON.stringify(after[field as keyof ToolStepRecord]),
  );
}

/**
 * Steps are written only by the agent of the reply's task, holding that task (its key, or the
 * bridge with the task's lease), into a reply of that task; an awaiting step runs or ends, a
 * running one ends, once; nothing removes a step.
 */
export const toolStepWrites: RootWriteRule = {
  entries: "value",
  check(write, writer, lookup) {
    if (!canPost(writer)) return "may not write tool steps with this access";
    if (!isEntityId(write.key)) return "writes a tool step under a malformed key";
    if (write.after === undefined) return "removes a tool step";
    const after = write.after;
    if (!isToolStepRecord(after)) return "writes a malformed tool step";
    if (!sameActorAs(after.agent, writer)) return "writes a tool step for another agent";
    if (!writer.mayWriteTask(after.taskId, after.agent.id)) {
      return "writes a tool step of a task it does not hold";
    }
    const reply = fieldsOf(lookup.after(ROOT_NAMES.messages, after.messageId));
    if (reply === undefined || !isTaskState(reply.task) || reply.task.taskId !== after.taskId) {
      return "writes a tool step outside its task's reply";
    }
    if (write.before === undefined) return undefined;
    if (!isToolStepRecord(write.before) || !isOpenToolStep(write.before.status)) {
      return "changes a finished tool step";
    }
    if (after.status === "awaiting" && write.before.status !== "awaiting") {
      return "puts a running tool step back to awaiting approval";
    }
    return changesFixedFields(write.before, after)
      ? "changes a tool step's fixed fields"
      : undefined;
  },
};
