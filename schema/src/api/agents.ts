// Request bodies and views for agent identities and API keys.
import { z } from "zod";
import { displayName, handle, id } from "./fields.ts";

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

/** How an agent answers. Admins edit it; the bridge reads it for each task. */
export const agentConfig = z.strictObject({
  model: z.string().trim().min(1).max(100),
  systemPrompt: z.string().max(20_000),
  maxOutputTokens: z.number().int().min(1).max(64_000),
  temperature: z.number().min(0).max(1).nullable(),
  enabled: z.boolean(),
  /** Tokens (input + output) per calendar month, UTC; null for no limit. */
  monthlyTokenBudget: z.number().int().min(1).nullable(),
});

export const updateAgentConfigRequest = agentConfig
  .partial()
  .refine((body) => Object.keys(body).length > 0, "change at least one setting");

export type AgentConfig = z.infer<typeof agentConfig>;
export type UpdateAgentConfigRequest = z.infer<typeof updateAgentConfigRequest>;
