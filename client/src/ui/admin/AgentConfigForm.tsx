// How an agent answers (provider, model, system prompt, limits), when the
// server has the agent configuration routes; on 404 the form explains and
// stays hidden. The provider's API key is write-only: the form says whether
// one is set, and sends one only when typed (or cleared).
import {
  type AgentConfig,
  MODEL_PROVIDERS,
  type ModelProviderName,
  type UpdateAgentConfigRequest,
  type UserView,
} from "@openvibe/schema";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { agentApi } from "../../api/admin-endpoints.ts";
import { ApiError, OfflineError } from "../../api/http.ts";
import { OFFLINE_ACTION, useApiAction } from "../forms/api-action.ts";
import { ActionError, Field } from "../forms/Field.tsx";

/** The configuration, or why there is none to show. */
type Loaded = AgentConfig | { problem: string } | null;

const UNAVAILABLE = "This server does not offer agent configuration yet.";

function problemOf(error: unknown): { problem: string } {
  if (error instanceof OfflineError) return { problem: OFFLINE_ACTION };
  if (error instanceof ApiError && error.status === 404) return { problem: UNAVAILABLE };
  return { problem: error instanceof Error ? error.message : String(error) };
}

function optionalNumber(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? "").trim();
  return text === "" ? null : Number(text);
}

function optionalText(value: FormDataEntryValue | null): string | null {
  const text = String(value ?? "").trim();
  return text === "" ? null : text;
}

/** A typed key replaces the stored one; "clear" forgets it; otherwise it is left alone. */
function apiKeyChange(data: FormData): Pick<UpdateAgentConfigRequest, "apiKey"> {
  if (data.get("clearApiKey") === "on") return { apiKey: null };
  const typed = optionalText(data.get("apiKey"));
  return typed === null ? {} : { apiKey: typed };
}

const PROVIDER_LABELS: Record<ModelProviderName, string> = {
  anthropic: "Anthropic (the bridge's key)",
  "openai-compatible": "OpenAI-compatible endpoint (llama.cpp, Ollama, vLLM, …)",
};

function readForm(data: FormData): UpdateAgentConfigRequest {
  return {
    provider: String(data.get("provider")) as ModelProviderName,
    baseUrl: optionalText(data.get("baseUrl")),
    ...apiKeyChange(data),
    model: String(data.get("model") ?? ""),
    systemPrompt: String(data.get("systemPrompt") ?? ""),
    maxOutputTokens: Number(data.get("maxOutputTokens")),
    temperature: optionalNumber(data.get("temperature")),
    enabled: data.get("enabled") === "on",
    monthlyTokenBudget: optionalNumber(data.get("monthlyTokenBudget")),
  };
}

export function AgentConfigForm({ agent }: { agent: UserView }): ReactNode {
  const [config, setConfig] = useState<Loaded>(null);
  const [saved, setSaved] = useState(false);
  const action = useApiAction([
    "provider",
    "baseUrl",
    "apiKey",
    "model",
    "systemPrompt",
    "maxOutputTokens",
    "temperature",
    "monthlyTokenBudget",
  ]);
  useEffect(() => {
    agentApi.config(agent.id).then(setConfig, (error: unknown) => setConfig(problemOf(error)));
  }, [agent.id]);

  if (config === null) return <p className="empty">Loading the configuration…</p>;
  if ("problem" in config) return <p className="empty">{config.problem}</p>;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const next = await action.run(() =>
      agentApi.updateConfig(agent.id, readForm(new FormData(form))),
    );
    if (next !== undefined) {
      setConfig(next);
      // The key is sent once: the field does not keep it after a save.
      const typedKey = form.elements.namedItem("apiKey");
      if (typedKey instanceof HTMLInputElement) typedKey.value = "";
    }
    setSaved(next !== undefined);
  };
  return (
    <form
      className="admin-form"
      aria-label={`Configuration of ${agent.displayName}`}
      onSubmit={(event) => void submit(event)}
    >
      <Field label="Provider" path="provider" action={action}>
        {(control) => (
          <select {...control} defaultValue={config.provider}>
            {MODEL_PROVIDERS.map((provider) => (
              <option key={provider} value={provider}>
                {PROVIDER_LABELS[provider]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Base URL (OpenAI-compatible, e.g. http://127.0.0.1:11434/v1)"
        path="baseUrl"
        action={action}
      >
        {(control) => <input {...control} type="url" defaultValue={config.baseUrl ?? ""} />}
      </Field>
      <Field
        label={`API key (${config.apiKeySet ? "one is set; type a new one to replace it" : "none set"})`}
        path="apiKey"
        action={action}
      >
        {(control) => <input {...control} type="password" autoComplete="off" defaultValue="" />}
      </Field>
      {config.apiKeySet && (
        <label className="check">
          <input name="clearApiKey" type="checkbox" /> Forget the stored API key
        </label>
      )}
      <Field label="Model" path="model" action={action}>
        {(control) => <input {...control} defaultValue={config.model} required />}
      </Field>
      <Field label="System prompt" path="systemPrompt" action={action}>
        {(control) => <textarea {...control} rows={5} defaultValue={config.systemPrompt} />}
      </Field>
      <Field label="Maximum output tokens" path="maxOutputTokens" action={action}>
        {(control) => <input {...control} type="number" defaultValue={config.maxOutputTokens} />}
      </Field>
      <Field
        label="Temperature (0-1, blank for the model's default)"
        path="temperature"
        action={action}
      >
        {(control) => (
          <input {...control} type="number" step="0.1" defaultValue={config.temperature ?? ""} />
        )}
      </Field>
      <Field
        label="Monthly token budget (blank for none)"
        path="monthlyTokenBudget"
        action={action}
      >
        {(control) => (
          <input {...control} type="number" defaultValue={config.monthlyTokenBudget ?? ""} />
        )}
      </Field>
      <label className="check">
        <input name="enabled" type="checkbox" defaultChecked={config.enabled} /> Enabled
      </label>
      <button type="submit" disabled={action.busy}>
        Save configuration
      </button>
      {saved && <output>Saved.</output>}
      <ActionError action={action} />
    </form>
  );
}
