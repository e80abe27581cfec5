// The workspace's feature switches (settings.features) as routes honour them: a route of a
// feature the workspace turned off answers 403 feature_disabled.
import type { WorkspaceSettings } from "@openvibe/schema";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { getWorkspace } from "../workspace/workspace.ts";

export type Feature = keyof WorkspaceSettings["features"];

export function requireFeature(ctx: AppContext, feature: Feature): void {
  if (getWorkspace(ctx).settings.features[feature]) return;
  throw new ApiError("feature_disabled", `${feature} is turned off in this workspace's settings`);
}
