// Which provider answers a task, as the agent's configuration says (the server
// sends it with each claimed task): the bridge's own Anthropic provider (or the
// one saying no model is configured), or the OpenAI-compatible endpoint the
// admin set for the agent, with its key.
import type { TaskProvider } from "@openvibe/schema";
import { ModelError, type ModelProvider } from "./model-provider.ts";
import {
  OpenAICompatibleProvider,
  type OpenAICompatibleProviderOptions,
} from "./openai-compatible-provider.ts";

export type OpenAICompatibleDefaults = Omit<OpenAICompatibleProviderOptions, "baseURL" | "apiKey">;

export class ProviderRegistry {
  private readonly anthropic: ModelProvider;
  private readonly openAiDefaults: OpenAICompatibleDefaults;

  constructor(anthropic: ModelProvider, openAiDefaults: OpenAICompatibleDefaults = {}) {
    this.anthropic = anthropic;
    this.openAiDefaults = openAiDefaults;
  }

  /** Throws a ModelError when the configured provider cannot be called (its key is unusable). */
  forTask(settings: TaskProvider): ModelProvider {
    if (settings.name === "anthropic") return this.anthropic;
    if (settings.problem !== null) throw new ModelError("authentication", settings.problem);
    return new OpenAICompatibleProvider({
      ...this.openAiDefaults,
      baseURL: settings.baseUrl,
      apiKey: settings.apiKey,
    });
  }
}
