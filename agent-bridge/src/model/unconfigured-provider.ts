// Used when no API key is configured: the bridge still answers, with a reply
// that tells the workspace how to connect a model.
import type {
  GenerateOptions,
  ModelProvider,
  ModelRequest,
  ModelResult,
} from "./model-provider.ts";

export const UNCONFIGURED_REPLY =
  "No model is configured for this workspace yet, so I cannot answer. " +
  "An operator can set ANTHROPIC_API_KEY for the agent bridge and restart it, or an admin can " +
  'point this agent at an OpenAI-compatible endpoint (see README, "Agents").';

export class UnconfiguredProvider implements ModelProvider {
  readonly name = "unconfigured";
  readonly provider = null;
  readonly supportsTools = false;

  async generate(_request: ModelRequest, { onText }: GenerateOptions): Promise<ModelResult> {
    onText(UNCONFIGURED_REPLY);
    return {
      model: "none",
      usage: { inputTokens: 0, outputTokens: 0 },
      stopReason: "not_configured",
      toolCalls: [],
    };
  }
}
