// Ledger rows of agent tasks, written straight into the database: queued, or finished with
// their tokens for usage reports.
import type { ModelProviderName } from "@openvibe/schema";
import { eq } from "drizzle-orm";
import { TaskQueueSignal } from "../../src/agents/task-queue.ts";
import { enqueueTask } from "../../src/agents/tasks.ts";
import type { AppContext } from "../../src/context.ts";
import { agentTasks } from "../../src/db/schema.ts";
import type { SeededWorkspace } from "./workspace-fixture.ts";

export interface FinishedTask {
  status: "completed" | "failed";
  at: number;
  input: number;
  output: number;
  provider?: ModelProviderName;
  model?: string;
}

let made = 0;

/** A new queued task of the seeded agent in `channelId`, asked by the member. */
export function queuedTask(ctx: AppContext, w: SeededWorkspace, channelId: string): string {
  const task = enqueueTask(ctx, new TaskQueueSignal(), {
    kind: "mention",
    agentId: w.agent.user.id,
    channelId,
    threadId: "thread",
    forkId: null,
    triggerMessageId: `message-${++made}`,
    requestedBy: w.member.user.id,
    depth: 0,
  });
  if (task === null) throw new Error("not queued");
  return task.id;
}

/** A finished task of the seeded agent in `channelId`, with these tokens. */
export function finishedTask(
  ctx: AppContext,
  w: SeededWorkspace,
  channelId: string,
  done: FinishedTask,
): string {
  const taskId = queuedTask(ctx, w, channelId);
  ctx.db
    .update(agentTasks)
    .set({
      status: done.status,
      finishedAt: done.at,
      inputTokens: done.input,
      outputTokens: done.output,
      provider: done.provider ?? null,
      model: done.model ?? null,
    })
    .where(eq(agentTasks.id, taskId))
    .run();
  return taskId;
}
