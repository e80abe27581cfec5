// Workspace settings: name, what forks are called, how many may be open per
// thread, the default agent, the theme, the default channels newcomers join and
// the feature switches. Offline it shows the cached settings read-only.
import type { UpdateSettingsRequest, WorkspaceView } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import { workspaceApi } from "../../api/admin-endpoints.ts";
import { useObservable } from "../../state/observable.ts";
import { useApiAction } from "../forms/api-action.ts";
import { ActionError, Field } from "../forms/Field.tsx";
import { useServices } from "../services.tsx";

const THEMES = ["system", "light", "dark"] as const;
const FEATURES = [
  { key: "agents", label: "Agents" },
  { key: "forks", label: "Forks" },
  { key: "search", label: "Search" },
  { key: "linkPreviews", label: "Link previews" },
] as const;

function readForm(data: FormData): UpdateSettingsRequest {
  const agent = String(data.get("defaultAgentHandle") ?? "");
  return {
    workspaceName: String(data.get("workspaceName") ?? ""),
    forkLabel: String(data.get("forkLabel") ?? ""),
    maxOpenForksPerThread: Number(data.get("maxOpenForksPerThread")),
    defaultAgentHandle: agent === "" ? null : agent,
    theme: THEMES.find((theme) => theme === data.get("theme")) ?? "system",
    defaultChannelIds: data.getAll("defaultChannelIds").map(String),
    features: {
      agents: data.get("features.agents") === "on",
      forks: data.get("features.forks") === "on",
      search: data.get("features.search") === "on",
      linkPreviews: data.get("features.linkPreviews") === "on",
    },
  };
}

function SettingsForm({ workspace }: { workspace: WorkspaceView }): ReactNode {
  const { store } = useServices();
  const people = useObservable(store.people);
  const agents = people.filter((person) => person.kind === "agent");
  const channels = useObservable(store.channels).filter((channel) => !channel.archived);
  const [saved, setSaved] = useState(false);
  const action = useApiAction([
    "workspaceName",
    "forkLabel",
    "maxOpenForksPerThread",
    "defaultAgentHandle",
    "theme",
  ]);
  const { settings } = workspace;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = readForm(new FormData(event.currentTarget));
    const next = await action.run(() => workspaceApi.update(body));
    setSaved(next !== undefined);
    if (next !== undefined) await store.refresh();
  };
  return (
    <form className="admin-form" aria-label="Workspace settings" onSubmit={(e) => void submit(e)}>
      <Field label="Workspace name" path="workspaceName" action={action}>
        {(control) => <input {...control} defaultValue={workspace.name} required />}
      </Field>
      <Field label="What forks are called" path="forkLabel" action={action}>
        {(control) => <input {...control} defaultValue={settings.forkLabel} required />}
      </Field>
      <Field label="Open forks allowed per thread" path="maxOpenForksPerThread" action={action}>
        {(control) => (
          <input {...control} type="number" defaultValue={settings.maxOpenForksPerThread} />
        )}
      </Field>
      <Field label="Default agent" path="defaultAgentHandle" action={action}>
        {(control) => (
          <select {...control} defaultValue={settings.defaultAgentHandle ?? ""}>
            <option value="">None</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.handle}>
                {agent.displayName} (@{agent.handle})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Theme" path="theme" action={action}>
        {(control) => (
          <select {...control} defaultValue={settings.theme}>
            {THEMES.map((theme) => (
              <option key={theme}>{theme}</option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>Default channels</legend>
        <p className="meta">
          Newcomers join these when they accept an invite (guests do not), and land in the first.
        </p>
        {channels.map((channel) => (
          <label key={channel.id} className="check">
            <input
              type="checkbox"
              name="defaultChannelIds"
              value={channel.id}
              defaultChecked={settings.defaultChannelIds.includes(channel.id)}
            />{" "}
            #{channel.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Features</legend>
        {FEATURES.map(({ key, label }) => (
          <label key={key} className="check">
            <input
              type="checkbox"
              name={`features.${key}`}
              defaultChecked={settings.features[key]}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={action.busy}>
        Save settings
      </button>
      {saved && <output>Saved.</output>}
      <ActionError action={action} />
    </form>
  );
}

export function SettingsPage(): ReactNode {
  const { store } = useServices();
  const workspace = useObservable(store.workspace);
  if (workspace === null) return <p className="empty">Loading…</p>;
  return <SettingsForm workspace={workspace} />;
}
