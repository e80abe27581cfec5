// The workspace's feature switches (settings.features: agents, forks, search), read where each
// feature runs: HTTP routes (http/features.ts), mention and summary tasks, agents' searches.
import type { WorkspaceSettings } from "@openvibe/schema";
import type { AppContext } from "../context.ts";
import { getWorkspace } from "./workspace.ts";

export type Feature = keyof WorkspaceSettings["features"];

export function featureEnabled(ctx: AppContext, feature: Feature): boolean {
  return getWorkspace(ctx).settings.features[feature];
}
