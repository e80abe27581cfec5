import type * as Y from "yjs";
import { type Actor, sameActor } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import { defaultEnv, type Env, freshId } from "../ids.ts";
import { messagesMap } from "../layout.ts";
import { requireMessage } from "../records/lookup.ts";
import { appendText, insertMessage, type MessageRecord, writeTask } from "../records/message.ts";
import {
  FINAL_TASK_STATUSES,
  type FinalTaskStatus,
  isTokenUsage,
  type TaskState,
  type TokenUsage,
} from "../records/task.ts";
import { assertBodyLength, assertId, assertStatus } from "../validation.ts";
import { assertSummaryPlacement } from "./fork-summaries.ts";
import { assertCanWrite, assertNotDeleted, requirePostTarget } from "./preconditions.ts";
import { nextThreadStamp } from "./stamps.ts";
import { commit } from "./transaction.ts";

export interface StartAgentReplyInput {
  readonly threadId: string;
  readonly forkId?: string | null;
  readonly taskId: string;
  readonly model?: string;
  /** Makes the reply the `fork-summary` of this fork (posted in its thread's main line). */
  readonly summaryOfForkId?: string;
}

/** Posts the agent's message at once, empty and `running`, for appends to grow. */
export function startAgentReply(
  doc: Y.Doc,
  agent: Actor,
  input: StartAgentReplyInput,
  env: Env = defaultEnv,
): string {
  assertCanWrite(doc, agent, "agent");
  assertId(input.taskId, "taskId");
  const forkId = input.forkId ?? null;
  requirePostTarget(doc, input.threadId, forkId);
  const summaryOfForkId = input.summaryOfForkId;
  if (summaryOfForkId !== undefined)
    assertSummaryPlacement(doc, input.threadId, forkId, summaryOfForkId);
  const messageId = freshId(env);
  const createdAt = nextThreadStamp(doc, input.threadId, env);
  const task: TaskState = {
    taskId: input.taskId,
    status: "running",
    updatedAt: createdAt,
    ...(input.model === undefined ? {} : { model: input.model }),
  };
  commit(
    doc,
    agent,
    "startAgentReply",
    () =>
      insertMessage(messagesMap(doc), {
        id: messageId,
        threadId: input.threadId,
        forkId,
        author: agent,
        createdAt,
        body: "",
        ...(summaryOfForkId === undefined
          ? { kind: "message" }
          : { kind: "fork-summary", summaryOfForkId }),
        task,
      }),
    input.taskId,
  );
  return messageId;
}

interface RunningReply {
  readonly message: MessageRecord;
  readonly task: TaskState;
}

/** The reply must be this agent's, for this task, still running and not deleted. */
export function requireRunningReply(
  doc: Y.Doc,
  agent: Actor,
  messageId: string,
  taskId: string,
): RunningReply {
  const message = requireMessage(doc, messageId);
  if (!sameActor(agent, message.author)) {
    throw new ChannelError("not_author", "only the agent that started a reply may write to it", {
      entity: "message",
      id: messageId,
    });
  }
  const task = message.task;
  if (task?.taskId !== taskId) {
    throw new ChannelError(
      "task_mismatch",
      `message ${messageId} is not the reply of task ${taskId}`,
      {
        entity: "message",
        id: messageId,
      },
    );
  }
  if (task.status !== "running") {
    throw new ChannelError("task_finished", `task ${taskId} is already ${task.status}`, {
      entity: "message",
      id: messageId,
    });
  }
  assertNotDeleted(message);
  return { message, task };
}

export interface AppendToReplyInput {
  readonly messageId: string;
  readonly text: string;
  readonly taskId: string;
}

/** Appends streamed text to the reply's Y.Text (one transaction per batch). */
export function appendToReply(doc: Y.Doc, agent: Actor, input: AppendToReplyInput): void {
  assertCanWrite(doc, agent, "agent");
  const { message } = requireRunningReply(doc, agent, input.messageId, input.taskId);
  assertBodyLength(message.body.length + input.text.length);
  if (input.text.length === 0) return;
  commit(doc, agent, "appendToReply", () => appendText(message, input.text), input.taskId);
}

export interface FinishAgentReplyInput {
  readonly messageId: string;
  readonly taskId: string;
  readonly status: FinalTaskStatus;
  readonly usage?: TokenUsage;
  readonly error?: string;
  readonly stopReason?: string;
  readonly model?: string;
}

/** Records the final task state; mentions are read from the finished body. */
export function finishAgentReply(
  doc: Y.Doc,
  agent: Actor,
  input: FinishAgentReplyInput,
  env: Env = defaultEnv,
): void {
  assertCanWrite(doc, agent, "agent");
  assertStatus(input.status, FINAL_TASK_STATUSES, "final task status");
  if (input.usage !== undefined && !isTokenUsage(input.usage)) {
    throw new ChannelError(
      "invalid_input",
      "usage must hold non-negative inputTokens and outputTokens",
    );
  }
  const { message, task } = requireRunningReply(doc, agent, input.messageId, input.taskId);
  const model = input.model ?? task.model;
  const finished: TaskState = {
    taskId: task.taskId,
    status: input.status,
    updatedAt: nextThreadStamp(doc, message.threadId, env),
    ...(model === undefined ? {} : { model }),
    ...(input.usage === undefined ? {} : { usage: input.usage }),
    ...(input.error === undefined ? {} : { error: input.error }),
    ...(input.stopReason === undefined ? {} : { stopReason: input.stopReason }),
  };
  commit(doc, agent, "finishAgentReply", () => writeTask(message, finished), input.taskId);
}
