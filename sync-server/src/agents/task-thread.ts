// Another thread (or fork) read for an agent's task, by its link, for the
// agent's read_thread tool: only what the task's agent may read itself, and
// only from the task's channel or public channels (./reply-readers.ts);
// anything else is "not found", so nothing tells a private channel exists.
import {
  forkView,
  type MessageView,
  stampWallTime,
  TASK_THREAD_MAX_MESSAGES,
  type TaskThreadQuery,
  type TaskThreadResult,
  threadView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { getUser } from "../accounts/users.ts";
import { channelFacts, getChannel, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { canReadChannelContent } from "../permissions/permissions.ts";
import type { DocumentLoader } from "../portability/export-workspace.ts";
import { authorParticipant } from "./claimed-task.ts";
import { readableByReplyReaders } from "./reply-readers.ts";
import { loadStoredThreadContent } from "./task-document.ts";
import type { TaskRecord } from "./tasks.ts";

export function readTaskThread(
  ctx: AppContext,
  documents: DocumentLoader,
  task: TaskRecord,
  query: TaskThreadQuery,
): TaskThreadResult {
  const agent = getUser(ctx, task.agentId);
  const channel = getChannel(ctx, query.channelId);
  const readable =
    agent !== undefined &&
    channel !== undefined &&
    readableByReplyReaders(task, channel) &&
    canReadChannelContent(agent, channelFacts(channel), isMember(ctx, channel.id, agent.id));
  if (!readable) throw notFound("thread");
  // Another thread of a split channel: only its thread document is read.
  const doc = loadStoredThreadContent(documents, channel.id, query.threadId);
  try {
    return threadResult(ctx, channel.name, doc, query);
  } finally {
    doc.destroy();
  }
}

function threadResult(
  ctx: AppContext,
  channelName: string,
  doc: Y.Doc,
  query: TaskThreadQuery,
): TaskThreadResult {
  const found =
    query.forkId === undefined ? threadView(doc, query.threadId) : forkView(doc, query.forkId);
  const inThread =
    found !== undefined &&
    (query.forkId === undefined || ("fork" in found && found.fork.threadId === query.threadId));
  if (!inThread) throw notFound("thread");
  const all: MessageView[] =
    "fork" in found
      ? [...(found.parent === null ? [] : [found.parent]), ...found.messages]
      : [...found.messages];
  const visible = all.filter((m) => !m.deleted);
  const kept = visible.slice(-TASK_THREAD_MAX_MESSAGES);
  return {
    channelName,
    title: "fork" in found ? found.fork.title : found.thread.title,
    messages: kept.map((m) => ({
      id: m.id,
      author: authorParticipant(ctx, m.author.id),
      createdAt: new Date(stampWallTime(m.createdAt) ?? 0).toISOString(),
      body: m.body,
    })),
    omitted: visible.length - kept.length,
  };
}
