import { isStamp, type Stamp } from "../clock.ts";
import { isFiniteNumber, isRecord, isString, oneOf } from "./guards.ts";

export const TASK_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINAL_TASK_STATUSES = ["completed", "failed", "cancelled"] as const;
export type FinalTaskStatus = (typeof FINAL_TASK_STATUSES)[number];

/** A reply whose writer went away before finishing it: the text it had stays, marked failed. */
export const INTERRUPTED_ERROR =
  "Interrupted: the agent bridge stopped while writing this reply. Use Retry to ask again.";

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** Agent work attached to an agent's message, stored as one plain object. */
export interface TaskState {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly model?: string;
  readonly usage?: TokenUsage;
  readonly error?: string;
  readonly stopReason?: string;
  readonly updatedAt: Stamp;
}

const isTaskStatus = oneOf(TASK_STATUSES);

export function isTokenUsage(value: unknown): value is TokenUsage {
  return (
    isRecord(value) &&
    isFiniteNumber(value.inputTokens) &&
    value.inputTokens >= 0 &&
    isFiniteNumber(value.outputTokens) &&
    value.outputTokens >= 0
  );
}

function isOptional<T>(value: unknown, guard: (candidate: unknown) => candidate is T): boolean {
  return value === undefined || guard(value);
}

export function isTaskState(value: unknown): value is TaskState {
  return (
    isRecord(value) &&
    isString(value.taskId) &&
    isTaskStatus(value.status) &&
    isStamp(value.updatedAt) &&
    isOptional(value.model, isString) &&
    isOptional(value.usage, isTokenUsage) &&
    isOptional(value.error, isString) &&
    isOptional(value.stopReason, isString)
  );
}

/** A fresh plain copy, holding only the known fields (absent ones are left out, not undefined). */
export function plainTask(task: TaskState): TaskState {
  return {
    taskId: task.taskId,
    status: task.status,
    updatedAt: task.updatedAt,
    ...(task.model === undefined ? {} : { model: task.model }),
    ...(task.usage === undefined
      ? {}
      : { usage: { inputTokens: task.usage.inputTokens, outputTokens: task.usage.outputTokens } }),
    ...(task.error === undefined ? {} : { error: task.error }),
    ...(task.stopReason === undefined ? {} : { stopReason: task.stopReason }),
  };
}
