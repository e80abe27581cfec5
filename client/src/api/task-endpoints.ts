// Agent task routes the client uses (kept apart from the account routes).
import type { TaskPromptView } from "@openvibe/schema";
import { apiRequest } from "./http.ts";

export const taskApi = {
  /** Queues a failed or cancelled agent task again; its new reply is a new message. */
  retry: (taskId: string) =>
    apiRequest<unknown>("POST", `/tasks/${encodeURIComponent(taskId)}/retry`),
  /** What the task's replies were written from (what the agent saw). */
  prompt: (taskId: string) =>
    apiRequest<TaskPromptView>("GET", `/tasks/${encodeURIComponent(taskId)}/prompt`),
};
