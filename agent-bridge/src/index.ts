// @openvibe/agent-bridge: the model layer (more lands with the bridge process).
export { AnthropicProvider, type AnthropicProviderOptions } from "./model/anthropic-provider.ts";
export {
  type GenerateOptions,
  ModelError,
  type ModelErrorKind,
  type ModelProvider,
  type ModelRequest,
  type ModelResult,
} from "./model/model-provider.ts";
export {
  OpenAICompatibleProvider,
  type OpenAICompatibleProviderOptions,
} from "./model/openai-compatible-provider.ts";
export { UNCONFIGURED_REPLY, UnconfiguredProvider } from "./model/unconfigured-provider.ts";
export {
  type FakeAnthropicServer,
  type FakeScenario,
  startFakeAnthropic,
} from "./testing/fake-anthropic-server.ts";
export { type FakeOpenAIServer, startFakeOpenAI } from "./testing/fake-openai-server.ts";
