// API keys: create one for an agent (or oneself), shown once with a copy
// button and a warning; list and revoke.
import type { ApiKeyView, CreatedApiKey, UserView } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import { agentApi } from "../../api/admin-endpoints.ts";
import { useApiAction } from "../forms/api-action.ts";
import { CopyField } from "../forms/CopyButton.tsx";
import { useCachedQuery } from "../forms/cached-query.ts";
import { ActionError, Field } from "../forms/Field.tsx";
import { usePeopleById, useSignedIn } from "../services.tsx";
import { formatDate, keyState } from "./describe.ts";

function CreateKeyForm(props: { agents: UserView[]; onCreated(key: CreatedApiKey): void }) {
  const { me } = useSignedIn();
  const action = useApiAction(["name", "userId"]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const userId = String(data.get("userId") ?? me.id);
    const created = await action.run(() =>
      agentApi.createApiKey({ name: String(data.get("name") ?? ""), userId }),
    );
    if (created !== undefined) props.onCreated(created);
  };
  return (
    <form className="admin-form" aria-label="New API key" onSubmit={(event) => void submit(event)}>
      <Field label="Key name" path="name" action={action}>
        {(control) => <input {...control} required autoComplete="off" />}
      </Field>
      <Field label="Acts as" path="userId" action={action}>
        {(control) => (
          <select {...control}>
            {props.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.displayName} (@{agent.handle})
              </option>
            ))}
            <option value={me.id}>Me ({me.displayName})</option>
          </select>
        )}
      </Field>
      <button type="submit" disabled={action.busy}>
        Create API key
      </button>
      <ActionError action={action} />
    </form>
  );
}

function KeyRow({ apiKey, onRevoked }: { apiKey: ApiKeyView; onRevoked(): void }): ReactNode {
  const people = usePeopleById();
  const action = useApiAction();
  const revoke = async () => {
    if ((await action.run(() => agentApi.revokeApiKey(apiKey.id))) !== undefined) onRevoked();
  };
  return (
    <tr>
      <th scope="row">{apiKey.name}</th>
      <td>{people.get(apiKey.userId)?.displayName ?? apiKey.userId}</td>
      <td>
        <code>{apiKey.prefix}…</code>
      </td>
      <td>{apiKey.scope}</td>
      <td>{formatDate(apiKey.lastUsedAt)}</td>
      <td>{keyState(apiKey)}</td>
      <td>
        {apiKey.revokedAt === null && (
          <button type="button" disabled={action.busy} onClick={() => void revoke()}>
            Revoke {apiKey.name}
          </button>
        )}
        <ActionError action={action} />
      </td>
    </tr>
  );
}

export function ApiKeysSection({ agents }: { agents: UserView[] }): ReactNode {
  const keys = useCachedQuery("admin:api-keys", agentApi.apiKeys);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <CreateKeyForm
        agents={agents}
        onCreated={(key) => {
          setCreated(key);
          void keys.reload();
        }}
      />
      {created !== null && (
        <div className="created-secret" role="status">
          <CopyField label={`API key ${created.name}`} value={created.key} />
          <p className="warning">
            Copy the key now: it is shown only once and cannot be read again. Anyone holding it acts
            as its owner until it is revoked.
          </p>
        </div>
      )}
      <table className="admin-table" aria-label="API keys">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Acts as</th>
            <th scope="col">Prefix</th>
            <th scope="col">Scope</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(keys.data ?? []).map((key) => (
            <KeyRow key={key.id} apiKey={key} onRevoked={() => void keys.reload()} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
