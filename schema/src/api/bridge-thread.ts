// GET /api/bridge/tasks/{id}/thread: a bridge reads another thread (or fork) for a task it holds,
// as the task's agent, for the agent's `read_thread` tool.
import { z } from "zod";
import type { Participant } from "./bridge.ts";
import { id } from "./fields.ts";

export const taskThreadQuery = z.object({
  channelId: id,
  threadId: id,
  /** A fork of the thread; its parent message and its messages instead of the main line. */
  forkId: id.optional(),
});

/** At most this many messages, the newest. */
export const TASK_THREAD_MAX_MESSAGES = 200;

export interface TaskThreadMessage {
  id: string;
  author: Participant;
  /** ISO 8601. */
  createdAt: string;
  body: string;
}

export interface TaskThreadResult {
  channelName: string;
  title: string;
  /** Oldest first. */
  messages: TaskThreadMessage[];
  /** Older messages left out (past TASK_THREAD_MAX_MESSAGES). */
  omitted: number;
}

export type TaskThreadQuery = z.infer<typeof taskThreadQuery>;
