// Each agent's model settings; an agent without a row uses the defaults. The
// provider's API key is sealed at rest (./secret-box.ts), never sent back
// (only whether one is set), and opened only for a bridge running a task.
import {
  type AgentConfig,
  type AgentSettings,
  agentSettings,
  providerSettingsIssue,
  type TaskProvider,
  type UpdateAgentConfigRequest,
} from "@openvibe/schema";
import { eq } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { agentConfigs } from "../db/schema.ts";
import { invalidField } from "../errors.ts";
import { SecretBox } from "./secret-box.ts";

export const DEFAULT_AGENT_CONFIG: AgentConfig = {
  model: "claude-sonnet-5-5",
  systemPrompt:
    "You are a helpful teammate in a team chat. Answer the person who mentioned you, in Markdown, " +
    "briefly unless asked for detail. Use the conversation and the channel's pinned context.",
  maxOutputTokens: 1024,
  temperature: null,
  enabled: true,
  monthlyTokenBudget: null,
  provider: "anthropic",
  baseUrl: null,
  apiKeySet: false,
};
const { apiKeySet: _none, ...DEFAULT_SETTINGS } = DEFAULT_AGENT_CONFIG;

interface Stored {
  settings: AgentSettings;
  apiKeySealed: string | null;
}

function stored(ctx: AppContext, agentId: string): Stored {
  const row = ctx.db.select().from(agentConfigs).where(eq(agentConfigs.agentId, agentId)).get();
  if (row === undefined) return { settings: DEFAULT_SETTINGS, apiKeySealed: null };
  const { agentId: _agentId, updatedAt: _updatedAt, apiKeySealed, ...settings } = row;
  return { settings, apiKeySealed };
}

const keyContext = (agentId: string) => `agent:${agentId}:api-key`;

export function getAgentConfig(ctx: AppContext, agentId: string): AgentConfig {
  const { settings, apiKeySealed } = stored(ctx, agentId);
  return { ...settings, apiKeySet: apiKeySealed !== null };
}

/** The provider a bridge calls for this agent's task, with the key opened. */
export function taskProvider(ctx: AppContext, secrets: SecretBox, agentId: string): TaskProvider {
  const { settings, apiKeySealed } = stored(ctx, agentId);
  if (settings.provider === "anthropic") return { name: "anthropic" };
  const baseUrl = settings.baseUrl ?? "";
  if (apiKeySealed === null)
    return { name: settings.provider, baseUrl, apiKey: null, problem: null };
  try {
    const apiKey = secrets.open(apiKeySealed, keyContext(agentId));
    return { name: settings.provider, baseUrl, apiKey, problem: null };
  } catch (error) {
    const problem = `The agent's API key cannot be used: ${(error as Error).message}.`;
    return { name: settings.provider, baseUrl, apiKey: null, problem };
  }
}

/** `secrets` seals a new API key; without a secrets key, giving one is refused. */
export function updateAgentConfig(
  ctx: AppContext,
  actor: UserRecord,
  agentId: string,
  change: UpdateAgentConfigRequest,
  secrets: SecretBox = new SecretBox(null),
): AgentConfig {
  return commitChange(ctx, () => {
    const { apiKey, ...settingsChange } = change;
    const current = stored(ctx, agentId);
    const settings = agentSettings.parse({
      ...current.settings,
      ...stripUndefined(settingsChange),
    });
    const issue = providerSettingsIssue(settings);
    if (issue !== null) throw invalidField(issue.path, issue.message);
    // A stored key goes only where it was given for: moving it elsewhere takes the key again.
    if (
      apiKey === undefined &&
      current.apiKeySealed !== null &&
      settings.baseUrl !== current.settings.baseUrl
    ) {
      throw invalidField(
        "apiKey",
        "give the API key again (or null to clear it) to change the base URL",
      );
    }
    const apiKeySealed =
      apiKey === undefined
        ? current.apiKeySealed
        : apiKey === null
          ? null
          : secrets.seal(apiKey, keyContext(agentId));
    const row = { agentId, ...settings, apiKeySealed, updatedAt: ctx.now() };
    ctx.db
      .insert(agentConfigs)
      .values(row)
      .onConflictDoUpdate({ target: agentConfigs.agentId, set: row })
      .run();
    const keyChange = apiKey === undefined ? {} : { apiKey: apiKey === null ? "cleared" : "set" };
    recordAudit(ctx, {
      actorId: actor.id,
      action: "agent.configured",
      targetType: "user",
      targetId: agentId,
      details: { change: { ...settingsChange, ...keyChange } },
    });
    return { ...settings, apiKeySet: apiKeySealed !== null };
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Agents whose stored API key `secrets` cannot open (checked at startup, to say so early). */
export function unreadableApiKeys(ctx: AppContext, secrets: SecretBox): string[] {
  return ctx.db
    .select({ agentId: agentConfigs.agentId, sealed: agentConfigs.apiKeySealed })
    .from(agentConfigs)
    .all()
    .filter(({ agentId, sealed }) => {
      if (sealed === null) return false;
      try {
        secrets.open(sealed, keyContext(agentId));
        return false;
      } catch {
        return true;
      }
    })
    .map(({ agentId }) => agentId);
}
