// The task ledger. A mention becomes one row under a unique key; bridges
// claim rows with a lease they renew while they work. A lease that runs out
// (bridge killed) makes the task claimable again, and the next bridge either
// runs it or, when a reply had already started, ends it as interrupted.
import { and, asc, eq, gte, lt, or, sql } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { agentTasks } from "../db/schema.ts";
import { ApiError, notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import type { TaskQueueSignal } from "./task-queue.ts";

export type TaskRecord = typeof agentTasks.$inferSelect;
export type TaskKind = TaskRecord["kind"];
export type FinalStatus = "completed" | "failed" | "cancelled";

export interface NewTask {
  kind: TaskKind;
  agentId: string;
  channelId: string;
  threadId: string;
  forkId: string | null;
  triggerMessageId: string;
  requestedBy: string;
  depth: number;
}

export interface TaskOutcome {
  status: FinalStatus;
  model?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  stopReason?: string | null;
  error?: string | null;
}

/** Queues the task unless its (kind, trigger, agent) already has one; returns it only when new. */
export function enqueueTask(
  ctx: AppContext,
  queue: TaskQueueSignal,
  input: NewTask,
): TaskRecord | null {
  const task: TaskRecord = {
    id: newId(),
    ...input,
    status: "queued",
    replyMessageId: null,
    claimedBy: null,
    leaseExpiresAt: null,
    attempts: 0,
    model: null,
    inputTokens: 0,
    outputTokens: 0,
    stopReason: null,
    error: null,
    createdAt: ctx.now(),
    startedAt: null,
    finishedAt: null,
  };
  const inserted = ctx.db.insert(agentTasks).values(task).onConflictDoNothing().run();
  if (inserted.changes === 0) return null;
  queue.notify();
  return task;
}

export function getTask(ctx: AppContext, taskId: string): TaskRecord | undefined {
  return ctx.db.select().from(agentTasks).where(eq(agentTasks.id, taskId)).get();
}

/**
 * How long a fresh claim lasts until the bridge confirms it with its first heartbeat. A claim
 * answered to a bridge that just went away (its long poll was aborted, but the server had not
 * seen the socket close yet) would otherwise hold the task for a whole lease.
 */
export const CLAIM_CONFIRM_MS = 3_000;

/** Atomically takes the oldest queued task, or one whose lease ran out, for `claimer`. */
export function claimTask(ctx: AppContext, claimer: string, leaseMs: number): TaskRecord | null {
  const now = ctx.now();
  return ctx.db.transaction((tx) => {
    const next = tx
      .select({ id: agentTasks.id })
      .from(agentTasks)
      .where(
        or(
          eq(agentTasks.status, "queued"),
          and(eq(agentTasks.status, "running"), lt(agentTasks.leaseExpiresAt, now)),
        ),
      )
      .orderBy(asc(agentTasks.createdAt))
      .limit(1)
      .get();
    if (next === undefined) return null;
    return (
      tx
        .update(agentTasks)
        .set({
          status: "running",
          claimedBy: claimer,
          leaseExpiresAt: now + Math.min(leaseMs, CLAIM_CONFIRM_MS),
          attempts: sql`${agentTasks.attempts} + 1`,
          startedAt: sql`coalesce(${agentTasks.startedAt}, ${now})`,
        })
        .where(eq(agentTasks.id, next.id))
        .returning()
        .get() ?? null
    );
  });
}

/** When the next running task's lease runs out (it becomes claimable then), or null. */
export function nextLeaseExpiry(ctx: AppContext): number | null {
  const row = ctx.db
    .select({ at: sql<number | null>`min(${agentTasks.leaseExpiresAt})` })
    .from(agentTasks)
    .where(eq(agentTasks.status, "running"))
    .get();
  return row?.at ?? null;
}

/** The running task if `claimer` still holds its lease; otherwise a conflict (another bridge took over). */
export function requireHeldTask(ctx: AppContext, taskId: string, claimer: string): TaskRecord {
  const task = getTask(ctx, taskId);
  if (task === undefined) throw notFound("task");
  if (
    task.status !== "running" ||
    task.claimedBy !== claimer ||
    (task.leaseExpiresAt ?? 0) < ctx.now()
  ) {
    throw new ApiError("conflict", "this bridge no longer holds the task's lease");
  }
  return task;
}

export function renewLease(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  leaseMs: number,
): TaskRecord {
  requireHeldTask(ctx, taskId, claimer);
  const leaseExpiresAt = ctx.now() + leaseMs;
  ctx.db.update(agentTasks).set({ leaseExpiresAt }).where(eq(agentTasks.id, taskId)).run();
  return { ...requireHeldTask(ctx, taskId, claimer), leaseExpiresAt };
}

export function recordReplyMessage(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  replyMessageId: string,
): void {
  const task = requireHeldTask(ctx, taskId, claimer);
  if (task.replyMessageId !== null && task.replyMessageId !== replyMessageId) {
    throw new ApiError("conflict", "this task already has a reply message");
  }
  ctx.db.update(agentTasks).set({ replyMessageId }).where(eq(agentTasks.id, taskId)).run();
}

export function finishTask(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  outcome: TaskOutcome,
): TaskRecord {
  requireHeldTask(ctx, taskId, claimer);
  ctx.db
    .update(agentTasks)
    .set({
      status: outcome.status,
      model: outcome.model ?? null,
      inputTokens: outcome.inputTokens ?? 0,
      outputTokens: outcome.outputTokens ?? 0,
      stopReason: outcome.stopReason ?? null,
      error: outcome.error ?? null,
      leaseExpiresAt: null,
      finishedAt: ctx.now(),
    })
    .where(eq(agentTasks.id, taskId))
    .run();
  const task = getTask(ctx, taskId);
  if (task === undefined) throw notFound("task");
  return task;
}

/** A task in the channel on which `claimer` holds a live lease (it may then open the channel's document). */
export function heldTaskInChannel(
  ctx: AppContext,
  claimer: string,
  channelId: string,
): TaskRecord | undefined {
  return ctx.db
    .select()
    .from(agentTasks)
    .where(
      and(
        eq(agentTasks.claimedBy, claimer),
        eq(agentTasks.channelId, channelId),
        eq(agentTasks.status, "running"),
        gte(agentTasks.leaseExpiresAt, ctx.now()),
      ),
    )
    .get();
}

/**
 * Whether the bridge key `claimer` has claimed a task of agent `agentId` in the channel (running
 * or finished): the agents a bridge writes for in that channel's document.
 */
export function claimedTaskOfAgent(
  ctx: AppContext,
  claimer: string,
  channelId: string,
  agentId: string,
): boolean {
  const task = ctx.db
    .select({ id: agentTasks.id })
    .from(agentTasks)
    .where(
      and(
        eq(agentTasks.claimedBy, claimer),
        eq(agentTasks.channelId, channelId),
        eq(agentTasks.agentId, agentId),
      ),
    )
    .get();
  return task !== undefined;
}

/** Puts a failed or cancelled task back in the queue; its next reply is a new message. */
export function retryTask(ctx: AppContext, queue: TaskQueueSignal, taskId: string): TaskRecord {
  const task = getTask(ctx, taskId);
  if (task === undefined) throw notFound("task");
  if (task.status !== "failed" && task.status !== "cancelled") {
    throw new ApiError(
      "conflict",
      `only a failed or cancelled task can be retried (this one is ${task.status})`,
    );
  }
  ctx.db
    .update(agentTasks)
    .set({
      status: "queued",
      replyMessageId: null,
      claimedBy: null,
      leaseExpiresAt: null,
      error: null,
      finishedAt: null,
    })
    .where(eq(agentTasks.id, taskId))
    .run();
  queue.notify();
  return { ...task, status: "queued" };
}

/** The task that wrote this reply, to follow chains of agents answering agents. */
export function taskOfReply(ctx: AppContext, replyMessageId: string): TaskRecord | undefined {
  return ctx.db
    .select()
    .from(agentTasks)
    .where(eq(agentTasks.replyMessageId, replyMessageId))
    .get();
}
