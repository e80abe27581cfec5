// Replies no bridge is left to finish. A task whose reply had started and whose lease ran out
// more than `orphanAfterMs` ago, unclaimed since (no bridge running, say), would otherwise show
// "writing…" to everyone for good: the server settles it as a takeover would, marked failed
// (interrupted) in the ledger and on the reply, keeping the text it has, so people get Retry.
// One conditional update decides it, so a bridge claiming the task at that moment and the
// sweep cannot both win; a bridge that comes back later finds its claim ended and, as after a
// takeover, reports only the tokens it used. Tasks whose reply never started stay claimable.
import type { Hocuspocus } from "@hocuspocus/server";
import { type Actor, finishAgentReply, getMessage, INTERRUPTED_ERROR } from "@openvibe/schema";
import { and, eq, isNotNull, lt } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { agentTasks } from "../db/schema.ts";
import type { Logger } from "../logger.ts";
import { liveChannelLayout, threadContentDocumentName } from "./task-document.ts";
import type { TaskRecord } from "./tasks.ts";

/** Settles, in the ledger, each started reply whose lease ran out before `cutoff`. */
export function settleOrphanedTasks(ctx: AppContext, cutoff: number): TaskRecord[] {
  return ctx.db
    .update(agentTasks)
    .set({
      status: "failed",
      error: INTERRUPTED_ERROR,
      leaseExpiresAt: null,
      finishedAt: ctx.now(),
    })
    .where(
      and(
        eq(agentTasks.status, "running"),
        isNotNull(agentTasks.replyMessageId),
        lt(agentTasks.leaseExpiresAt, cutoff),
      ),
    )
    .returning()
    .all();
}

/**
 * Marks the task's reply interrupted in the document holding its thread (the thread document of a
 * split channel), if it is still running there.
 */
async function markReplyInterrupted(hocuspocus: Hocuspocus, task: TaskRecord): Promise<void> {
  const messageId = task.replyMessageId;
  if (messageId === null) return;
  const agent: Actor = { kind: "agent", id: task.agentId };
  const layout = await liveChannelLayout(hocuspocus, task.channelId);
  const name = threadContentDocumentName(layout, task.channelId, task.threadId);
  if (name === null) return; // no document holds its thread
  const connection = await hocuspocus.openDirectConnection(name);
  try {
    await connection.transact((doc) => {
      if (getMessage(doc, messageId)?.task?.status !== "running") return;
      finishAgentReply(doc, agent, {
        messageId,
        taskId: task.id,
        status: "failed",
        error: INTERRUPTED_ERROR,
      });
    });
  } finally {
    await connection.disconnect({ unloadImmediately: false });
  }
}

export interface OrphanedRepliesOptions {
  ctx: AppContext;
  hocuspocus: Hocuspocus;
  logger: Logger;
  /** How long after its lease ran out an unclaimed started reply is settled. */
  orphanAfterMs: number;
}

/** Sweeps for orphaned replies every quarter of `orphanAfterMs`. */
export class OrphanedReplies {
  private readonly options: OrphanedRepliesOptions;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(options: OrphanedRepliesOptions) {
    this.options = options;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.sweeping = this.sweeping.then(() => this.sweep());
    }, this.options.orphanAfterMs / 4);
    this.timer.unref();
  }

  /** Stops sweeping; resolves once a sweep under way is done. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  private async sweep(): Promise<void> {
    const { ctx, hocuspocus, logger, orphanAfterMs } = this.options;
    const settled = settleOrphanedTasks(ctx, ctx.now() - orphanAfterMs);
    for (const task of settled) {
      logger.warn(
        { taskId: task.id, agentId: task.agentId, channelId: task.channelId },
        "agent reply interrupted: no bridge claimed its task after its lease ran out",
      );
      await markReplyInterrupted(hocuspocus, task).catch((error: unknown) =>
        logger.error(
          { err: error, taskId: task.id },
          "could not mark an orphaned reply interrupted",
        ),
      );
    }
  }
}
