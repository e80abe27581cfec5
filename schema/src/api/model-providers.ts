// Where an agent's model runs. "anthropic": Anthropic's Messages API with the
// bridge's own key (ANTHROPIC_API_KEY). "openai-compatible": any endpoint
// speaking OpenAI's Chat Completions (llama.cpp, Ollama, vLLM, other vendors),
// at the base URL and with the key an admin sets for the agent.
import { z } from "zod";
import type { ApiIssue } from "./errors.ts";

export const MODEL_PROVIDERS = ["anthropic", "openai-compatible"] as const;
export type ModelProviderName = (typeof MODEL_PROVIDERS)[number];

/** A model as its provider names it (claude-sonnet-5-5, llama3.1:8b, org/model). */
export const modelName = z.string().trim().min(1).max(100);

const BASE_URL_HINT = "must be an http:// or https:// URL, like http://127.0.0.1:11434/v1";

/** An http(s) URL without credentials in it. */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.username === "";
}

/** An OpenAI-compatible endpoint's base URL (the part before /chat/completions). */
export const providerBaseUrl = z.string().trim().max(500).refine(isHttpUrl, BASE_URL_HINT);

/** An API key as an admin sends it: set (a string) or cleared (null). Never sent back. */
export const providerApiKey = z.string().trim().min(1, "give a key, or null to clear it").max(2000);

/** What the fields alone cannot say: a provider's required settings. Null when complete. */
export function providerSettingsIssue(settings: {
  provider: ModelProviderName;
  baseUrl: string | null;
}): ApiIssue | null {
  if (settings.provider === "openai-compatible" && settings.baseUrl === null) {
    return { path: "baseUrl", message: "an openai-compatible agent needs a base URL" };
  }
  return null;
}

/**
 * The provider a bridge calls for a claimed task, with what it needs to call it. `problem`
 * says why the call cannot be made as configured (a stored key the server cannot decrypt).
 */
export type TaskProvider =
  | { name: "anthropic" }
  | { name: "openai-compatible"; baseUrl: string; apiKey: string | null; problem: string | null };
