// Ledger rows of finished agent tasks, written straight into the database, for usage reports.
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

/** A finished task of the seeded agent in `channelId`, with these tokens. */
export function finishedTask(
  ctx: AppContext,
  w: SeededWorkspace,
  channelId: string,
  done: FinishedTask,
): string {
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
    .where(eq(agentTasks.id, task.id))
    .run();
  return task.id;
}
