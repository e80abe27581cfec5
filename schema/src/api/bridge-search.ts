// GET /api/bridge/tasks/{id}/search: a bridge looks for messages related to a task it holds,
// searching as the task's agent (only channels the agent may read), outside the task's thread.
import { z } from "zod";
import type { Participant } from "./bridge.ts";
import { searchQuery } from "./search.ts";

export const taskSearchQuery = z.object({
  /** Words to look for; a message holding any of them counts, the best matches first. */
  q: searchQuery.shape.q,
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export type TaskSearchQuery = z.infer<typeof taskSearchQuery>;

/** A message found for a task's context. */
export interface RelatedMessage {
  messageId: string;
  channelId: string;
  channelName: string;
  threadId: string;
  threadTitle: string;
  /** null: the thread's main line. */
  forkId: string | null;
  author: Participant;
  /** When it was written (ISO 8601). */
  createdAt: string;
  /** Plain text around the matched words; "…" marks cut text. */
  excerpt: string;
}

export interface TaskSearchResult {
  /** Best first; empty when nothing matched or the workspace has search turned off. */
  messages: RelatedMessage[];
}
