// The task ledger. A mention becomes one row under a unique key; bridges
// claim rows with a lease they renew while they work. A lease that runs out
// (bridge killed) makes the task claimable again, and the next bridge either
// runs it or, when a reply had already started, settles that reply. Until
// another claim takes it, the claimer may still renew and finish it (a bridge
// back after a server outage). Usage is kept per claim (attempt), once each.
import type { AttemptUsage, FinishTaskRequest } from "@openvibe/schema";
import { and, asc, eq, gte, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { agentTaskAttempts, agentTasks } from "../db/schema.ts";
import { ApiError, notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import type { TaskQueueSignal } from "./task-queue.ts";

export type TaskRecord = typeof agentTasks.$inferSelect;
export type TaskKind = TaskRecord["kind"];
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

/** How a claim ends a task (the bridge's finish request). */
export type TaskOutcome = FinishTaskRequest;

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
    replyAttempt: null,
    claimedBy: null,
    leaseExpiresAt: null,
    attempts: 0,
    model: null,
    provider: null,
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

/**
 * Atomically takes the oldest queued task, or one whose lease ran out, for `claimer`; never one
 * of `running` (tasks the claiming bridge is still working on).
 */
export function claimTask(
  ctx: AppContext,
  claimer: string,
  leaseMs: number,
  running: readonly string[] = [],
): TaskRecord | null {
  const now = ctx.now();
  return ctx.db.transaction((tx) => {
    const next = tx
      .select({ id: agentTasks.id })
      .from(agentTasks)
      .where(
        and(
          or(
            eq(agentTasks.status, "queued"),
            and(eq(agentTasks.status, "running"), lt(agentTasks.leaseExpiresAt, now)),
          ),
          running.length === 0 ? undefined : notInArray(agentTasks.id, [...running]),
        ),
      )
      .orderBy(asc(agentTasks.createdAt))
      .limit(1)
      .get();
    if (next === undefined) return null;
    const task = tx
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
      .get();
    if (task === undefined) return null;
    tx.insert(agentTaskAttempts)
      .values({ taskId: task.id, attempt: task.attempts, claimedBy: claimer, claimedAt: now })
      .run();
    return task;
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

const leaseLost = () => new ApiError("conflict", "this bridge no longer holds the task's lease");

/** The running task if `claimer` still holds a live lease on it; otherwise a conflict. */
export function requireHeldTask(ctx: AppContext, taskId: string, claimer: string): TaskRecord {
  const task = getTask(ctx, taskId);
  if (task === undefined) throw notFound("task");
  if (
    task.status !== "running" ||
    task.claimedBy !== claimer ||
    (task.leaseExpiresAt ?? 0) < ctx.now()
  ) {
    throw leaseLost();
  }
  return task;
}

/**
 * The running task if its latest claim is `claimer`'s `attempt`: no other claim took it since,
 * even if the lease ran out meanwhile (the server was down, say). Otherwise a conflict.
 */
export function requireClaim(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  attempt: number,
): TaskRecord {
  const task = getTask(ctx, taskId);
  if (task === undefined) throw notFound("task");
  if (task.status !== "running" || task.claimedBy !== claimer || task.attempts !== attempt) {
    throw leaseLost();
  }
  return task;
}

/**
 * Renews the lease of claim `attempt` if no other claim took the task since ("renew if still
 * unclaimed"): one conditional update, so a bridge coming back after an outage and a bridge
 * claiming the expired task cannot both win.
 */
export function renewLease(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  attempt: number,
  leaseMs: number,
): TaskRecord {
  const renewed = ctx.db
    .update(agentTasks)
    .set({ leaseExpiresAt: ctx.now() + leaseMs })
    .where(
      and(
        eq(agentTasks.id, taskId),
        eq(agentTasks.status, "running"),
        eq(agentTasks.claimedBy, claimer),
        eq(agentTasks.attempts, attempt),
      ),
    )
    .returning()
    .get();
  if (renewed !== undefined) return renewed;
  if (getTask(ctx, taskId) === undefined) throw notFound("task");
  throw leaseLost();
}

export function recordReplyMessage(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  attempt: number,
  replyMessageId: string,
): void {
  const task = requireClaim(ctx, taskId, claimer, attempt);
  if (task.replyMessageId !== null && task.replyMessageId !== replyMessageId) {
    throw new ApiError("conflict", "this task already has a reply message");
  }
  ctx.db
    .update(agentTasks)
    .set({ replyMessageId, replyAttempt: attempt })
    .where(eq(agentTasks.id, taskId))
    .run();
}

/**
 * Records attempt `usage.attempt`'s tokens once: the first report wins, later ones (the same
 * numbers, reported again or by another bridge) change nothing. Returns whether it counted.
 */
function recordUsage(ctx: AppContext, taskId: string, usage: AttemptUsage): boolean {
  return ctx.db.transaction((tx) => {
    const recorded = tx
      .update(agentTaskAttempts)
      .set({
        model: usage.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        usageRecordedAt: ctx.now(),
      })
      .where(
        and(
          eq(agentTaskAttempts.taskId, taskId),
          eq(agentTaskAttempts.attempt, usage.attempt),
          isNull(agentTaskAttempts.usageRecordedAt),
        ),
      )
      .run();
    if (recorded.changes === 0) return false;
    tx.update(agentTasks)
      .set({
        inputTokens: sql`${agentTasks.inputTokens} + ${usage.inputTokens}`,
        outputTokens: sql`${agentTasks.outputTokens} + ${usage.outputTokens}`,
        ...(usage.provider === null ? {} : { provider: usage.provider }),
      })
      .where(eq(agentTasks.id, taskId))
      .run();
    return true;
  });
}

/**
 * Usage of an attempt that `claimer` made and then lost (another bridge took the task over):
 * counted once, whatever state the task is in now.
 */
export function recordLostAttemptUsage(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  usage: AttemptUsage,
): void {
  const made = ctx.db
    .select({ claimedBy: agentTaskAttempts.claimedBy })
    .from(agentTaskAttempts)
    .where(and(eq(agentTaskAttempts.taskId, taskId), eq(agentTaskAttempts.attempt, usage.attempt)))
    .get();
  if (made === undefined || made.claimedBy !== claimer) throw notFound("attempt of this bridge");
  recordUsage(ctx, taskId, usage);
}

export function finishTask(
  ctx: AppContext,
  taskId: string,
  claimer: string,
  outcome: TaskOutcome,
): TaskRecord {
  return ctx.db.transaction(() => {
    requireClaim(ctx, taskId, claimer, outcome.attempt);
    if (outcome.usage !== null) {
      if (outcome.usage.attempt > outcome.attempt) {
        throw new ApiError("validation_failed", "usage names an attempt that has not been made");
      }
      // A claim made before attempts were recorded (a server upgraded mid-task) gets its row now.
      ctx.db
        .insert(agentTaskAttempts)
        .values({
          taskId,
          attempt: outcome.usage.attempt,
          claimedBy: outcome.usage.attempt === outcome.attempt ? claimer : "",
          claimedAt: ctx.now(),
        })
        .onConflictDoNothing()
        .run();
      recordUsage(ctx, taskId, outcome.usage);
    }
    ctx.db
      .update(agentTasks)
      .set({
        status: outcome.status,
        model: outcome.model,
        stopReason: outcome.stopReason,
        error: outcome.error,
        leaseExpiresAt: null,
        finishedAt: ctx.now(),
      })
      .where(eq(agentTasks.id, taskId))
      .run();
    const task = getTask(ctx, taskId);
    if (task === undefined) throw notFound("task");
    return task;
  });
}

/**
 * A task in the channel (in its thread `threadId`, when given) on which `claimer` holds a live
 * lease: the bridge may then open the document holding it.
 */
export function heldTaskInChannel(
  ctx: AppContext,
  claimer: string,
  channelId: string,
  threadId?: string,
): TaskRecord | undefined {
  return ctx.db
    .select()
    .from(agentTasks)
    .where(
      and(
        eq(agentTasks.claimedBy, claimer),
        eq(agentTasks.channelId, channelId),
        threadId === undefined ? undefined : eq(agentTasks.threadId, threadId),
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
      replyAttempt: null,
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
