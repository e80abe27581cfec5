// Summary requests (written into a channel document by whoever asks) become
// ledger tasks for the channel's summary agent. The ledger's unique
// (kind, trigger, agent) key makes them exactly once: a fork's summary is
// keyed by the fork id, so asking twice (or from two devices) queues one
// task; a thread's by its latest message that is not itself a thread summary,
// so asking again only helps once the thread has moved on.
import { forkView, type MessageView, type SummaryRequestView, threadView } from "@openvibe/schema";
import type * as Y from "yjs";
import type { UserRecord } from "../accounts/principal.ts";
import { getUser } from "../accounts/users.ts";
import { type ChannelRecord, channelFacts, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { documentAccess, isAdmin } from "../permissions/permissions.ts";
import { summaryAgent } from "./summary-agent.ts";
import type { TaskQueueSignal } from "./task-queue.ts";
import { enqueueTask, type NewTask, type TaskRecord, taskOfReply } from "./tasks.ts";

type Target = Pick<NewTask, "kind" | "threadId" | "forkId" | "triggerMessageId">;

function forkTarget(doc: Y.Doc, requester: UserRecord, forkId: string): Target | null {
  const fork = forkView(doc, forkId)?.fork;
  if (fork === undefined || fork.status !== "open") return null;
  // The document has no write guard yet: check here that the asker may close the fork.
  if (fork.createdBy.id !== requester.id && !isAdmin(requester)) return null;
  return { kind: "fork-summary", threadId: fork.threadId, forkId, triggerMessageId: forkId };
}

function isThreadSummary(ctx: AppContext, message: MessageView): boolean {
  return message.task !== null && taskOfReply(ctx, message.id)?.kind === "thread-summary";
}

function threadTarget(ctx: AppContext, doc: Y.Doc, threadId: string): Target | null {
  const view = threadView(doc, threadId);
  if (view === undefined || view.thread.status === "archived") return null;
  const latest = view.messages.findLast((m) => !m.deleted && !isThreadSummary(ctx, m));
  if (latest === undefined) return null;
  return { kind: "thread-summary", threadId, forkId: null, triggerMessageId: latest.id };
}

function mayWrite(ctx: AppContext, user: UserRecord, channel: ChannelRecord): boolean {
  return (
    documentAccess(user, channelFacts(channel), isMember(ctx, channel.id, user.id)) === "write"
  );
}

/** Queues the summary task a request asks for; null when refused, not possible or already queued. */
export function enqueueSummaryTask(
  ctx: AppContext,
  queue: TaskQueueSignal,
  doc: Y.Doc,
  channel: ChannelRecord,
  request: SummaryRequestView,
): TaskRecord | null {
  const requester = getUser(ctx, request.actorId);
  if (requester === undefined || !mayWrite(ctx, requester, channel)) return null;
  const target =
    request.kind === "fork"
      ? forkTarget(doc, requester, request.targetId)
      : threadTarget(ctx, doc, request.targetId);
  const agent = target === null ? undefined : summaryAgent(ctx, channel);
  if (target === null || agent === undefined) return null;
  return enqueueTask(ctx, queue, {
    ...target,
    agentId: agent.id,
    channelId: channel.id,
    requestedBy: requester.id,
    depth: 0,
  });
}
