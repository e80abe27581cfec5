// Whether agents answer at all in this workspace (the admin's `features.agents` switch): when
// off, mentions of agents and summary requests queue no task.
import type { AppContext } from "../context.ts";
import { getWorkspace } from "../workspace/workspace.ts";

export function agentsEnabled(ctx: AppContext): boolean {
  return getWorkspace(ctx).settings.features.agents;
}
