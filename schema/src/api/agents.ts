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
