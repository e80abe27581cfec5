// The workspace's feature switches (settings.features) as routes honour them: a route of a
// feature the workspace turned off answers 403 feature_disabled.
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { type Feature, featureEnabled } from "../workspace/features.ts";

export function requireFeature(ctx: AppContext, feature: Feature): void {
  if (featureEnabled(ctx, feature)) return;
  throw new ApiError("feature_disabled", `${feature} is turned off in this workspace's settings`);
}
