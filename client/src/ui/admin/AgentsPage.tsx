// Agents: the list, creating one, configuring one (when the server offers
// agent configuration), and API keys below.
import type { UserView } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import { agentApi } from "../../api/admin-endpoints.ts";
import { api } from "../../api/endpoints.ts";
import { useApiAction } from "../forms/api-action.ts";
import { useCachedQuery } from "../forms/cached-query.ts";
import { ActionError, Field } from "../forms/Field.tsx";
import { OfflineNotice } from "../forms/OfflineNotice.tsx";
import { useServices } from "../services.tsx";
import { AgentConfigForm } from "./AgentConfigForm.tsx";
import { ApiKeysSection } from "./ApiKeysSection.tsx";
import { AgentToolsForm } from "./agent-tools/AgentToolsForm.tsx";

function CreateAgentForm({ onCreated }: { onCreated(agent: UserView): void }): ReactNode {
  const action = useApiAction(["handle", "displayName"]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const agent = await action.run(() =>
      agentApi.create({
        handle: String(data.get("handle") ?? ""),
        displayName: String(data.get("displayName") ?? ""),
      }),
    );
    if (agent === undefined) return;
    form.reset();
    onCreated(agent);
  };
  return (
    <form className="admin-form" aria-label="New agent" onSubmit={(event) => void submit(event)}>
      <Field label="Handle" path="handle" action={action}>
        {(control) => <input {...control} required autoComplete="off" />}
      </Field>
      <Field label="Display name" path="displayName" action={action}>
        {(control) => <input {...control} required autoComplete="off" />}
      </Field>
      <button type="submit" disabled={action.busy}>
        Create agent
      </button>
      <ActionError action={action} />
    </form>
  );
}

export function AgentsPage(): ReactNode {
  const { store } = useServices();
  const agents = useCachedQuery("admin:agents", api.agents);
  const [configuring, setConfiguring] = useState<string | null>(null);
  const current = (agents.data ?? []).find((agent) => agent.id === configuring);
  return (
    <>
      <OfflineNotice offline={agents.offline} />
      <h2>Agents</h2>
      <ul className="plain-list">
        {(agents.data ?? []).map((agent) => (
          <li key={agent.id}>
            <strong>{agent.displayName}</strong> @{agent.handle} · {agent.status}{" "}
            <button
              type="button"
              aria-expanded={agent.id === configuring}
              onClick={() => setConfiguring(agent.id === configuring ? null : agent.id)}
            >
              Configure {agent.displayName}
            </button>
          </li>
        ))}
      </ul>
      {current !== undefined && <AgentConfigForm key={current.id} agent={current} />}
      {current !== undefined && <AgentToolsForm key={`tools-${current.id}`} agent={current} />}
      <h2>New agent</h2>
      <CreateAgentForm
        onCreated={() => {
          void agents.reload();
          void store.refresh();
        }}
      />
      <ApiKeysSection agents={agents.data ?? []} />
    </>
  );
}
