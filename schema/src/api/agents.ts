// Request bodies and views for agent identities and API keys.
import { z } from "zod";
import { displayName, handle, id } from "./fields.ts";
import { MODEL_PROVIDERS, modelName, providerApiKey, providerBaseUrl } from "./model-providers.ts";

export const createAgentRequest = z.strictObject({ handle, displayName });

export const createApiKeyRequest = z.strictObject({
  name: z.string().trim().min(1, "name the key").max(80),
  /** Whose identity the key carries: an agent, or the caller (default). */
  userId: id.optional(),
});

export interface ApiKeyView {
  id: string;
  name: string;
  userId: string;
  /** The first characters of the key, to recognise it. */
  prefix: string;
  /** "user": acts as its owner; "bridge": an agent bridge's key (runs agent tasks only). */
  scope: "user" | "bridge";
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKeyView {
  /** The secret, shown once. */
  key: string;
}

export type CreateAgentRequest = z.infer<typeof createAgentRequest>;
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequest>;

/** How an agent answers, as admins set it (the API key apart: it is write-only). */
export const agentSettings = z.strictObject({
  model: modelName,
  systemPrompt: z.string().max(20_000),
  maxOutputTokens: z.number().int().min(1).max(64_000),
  temperature: z.number().min(0).max(1).nullable(),
  enabled: z.boolean(),
  /** Tokens (input + output) per calendar month, UTC; null for no limit. */
  monthlyTokenBudget: z.number().int().min(1).nullable(),
  provider: z.enum(MODEL_PROVIDERS),
  /** The openai-compatible endpoint; unused by "anthropic". */
  baseUrl: providerBaseUrl.nullable(),
});

/** How an agent answers. Admins edit it; the bridge reads it for each task. */
export const agentConfig = agentSettings.extend({
  /** Whether an API key is stored for the provider (the key itself is never sent back). */
  apiKeySet: z.boolean(),
});

export const updateAgentConfigRequest = agentSettings
  .extend({
    /** The openai-compatible endpoint's key: stored encrypted; null clears it. */
    apiKey: providerApiKey.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "change at least one setting");

export type AgentSettings = z.infer<typeof agentSettings>;
export type AgentConfig = z.infer<typeof agentConfig>;
export type UpdateAgentConfigRequest = z.infer<typeof updateAgentConfigRequest>;
