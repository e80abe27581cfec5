// The workspace's settings as this browser last saw them (cached for offline use); the
// schema's defaults until any arrived. Re-renders when the workspace store refreshes them.
import { type WorkspaceSettings, workspaceSettings } from "@openvibe/schema";
import { useObservable } from "../state/observable.ts";
import { useServices } from "./services.tsx";

const DEFAULT_SETTINGS: WorkspaceSettings = workspaceSettings.parse({});

export function useWorkspaceSettings(): WorkspaceSettings {
  const { store } = useServices();
  return useObservable(store.workspace)?.settings ?? DEFAULT_SETTINGS;
}
