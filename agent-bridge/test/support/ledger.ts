// The server's task ledger as tests read it.
import type { TaskRecord } from "../../../sync-server/src/agents/tasks.ts";
import { agentTasks } from "../../../sync-server/src/db/schema.ts";
import type { RunningServer } from "../../../sync-server/src/server.ts";

export function allTasks(server: RunningServer): TaskRecord[] {
  return server.ctx.db.select().from(agentTasks).all();
}

export function tasksFor(server: RunningServer, triggerMessageId: string): TaskRecord[] {
  return allTasks(server).filter((task) => task.triggerMessageId === triggerMessageId);
}
