// Messages related to an agent task, for the agent's context: a search as the task's agent (the
// permissions module decides which channels it may read, exactly as for a person), narrowed to
// what the reply's readers may see (the task's own channel and public channels: a private
// channel's words never travel into a reply elsewhere), matching any of the words, outside the
// task's own thread, each hit named for a prompt. Nothing when search is turned off.
import {
  type RelatedMessage,
  type SearchHit,
  SNIPPET_MATCH_END,
  SNIPPET_MATCH_START,
  stampWallTime,
  type TaskSearchQuery,
  type TaskSearchResult,
} from "@openvibe/schema";
import { getUser } from "../accounts/users.ts";
import { authorParticipant } from "../agents/claimed-task.ts";
import { readableByReplyReaders } from "../agents/reply-readers.ts";
import type { TaskRecord } from "../agents/tasks.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { featureEnabled } from "../workspace/features.ts";
import type { SearchService } from "./search-service.ts";

function toRelated(ctx: AppContext, hit: SearchHit): RelatedMessage {
  return {
    messageId: hit.messageId,
    channelId: hit.channelId,
    channelName: hit.channelName,
    threadId: hit.threadId,
    threadTitle: hit.threadTitle,
    forkId: hit.forkId,
    author: authorParticipant(ctx, hit.author.id),
    createdAt: new Date(stampWallTime(hit.createdAt) ?? 0).toISOString(),
    excerpt: hit.snippet.replaceAll(SNIPPET_MATCH_START, "").replaceAll(SNIPPET_MATCH_END, ""),
  };
}

export function relatedMessages(
  ctx: AppContext,
  search: SearchService,
  task: TaskRecord,
  query: TaskSearchQuery,
): TaskSearchResult {
  if (!featureEnabled(ctx, "search")) return { messages: [] };
  const agent = getUser(ctx, task.agentId);
  if (agent === undefined) throw notFound("task's agent");
  const result = search.search(
    agent,
    { q: query.q, limit: query.limit },
    {
      termsNeeded: "any",
      excludeThreadId: task.threadId,
      // The reply is read by the task's channel: a private channel's words stay in it.
      channelAllowed: (channel) => readableByReplyReaders(task, channel),
    },
  );
  return { messages: result.hits.map((hit) => toRelated(ctx, hit)) };
}
