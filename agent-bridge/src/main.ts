// Entry point: `node agent-bridge/src/main.ts`. Reads the configuration,
// waits for the bridge key (the server writes it on first run), picks the
// provider of agents set to "anthropic" (Anthropic when ANTHROPIC_API_KEY is
// set, otherwise one that answers that no model is configured; agents set to an
// OpenAI-compatible endpoint bring their own) and runs until SIGINT/SIGTERM.
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { AgentBridge } from "./bridge.ts";
import { type BridgeConfig, BridgeConfigError, loadBridgeConfig } from "./config.ts";
import { createLogger, type Logger } from "./logger.ts";
import { AnthropicProvider } from "./model/anthropic-provider.ts";
import type { ModelProvider } from "./model/model-provider.ts";
import { UnconfiguredProvider } from "./model/unconfigured-provider.ts";

async function readKey(config: BridgeConfig, logger: Logger): Promise<string> {
  if ("value" in config.key) return config.key.value;
  const { file } = config.key;
  let announced = false;
  for (;;) {
    if (existsSync(file)) {
      const key = readFileSync(file, "utf8").trim();
      if (key.startsWith("ovk_")) return key;
    }
    if (!announced) {
      logger.info(
        { file },
        "waiting for the bridge key (the server writes it once the workspace is set up)",
      );
      announced = true;
    }
    await sleep(1000);
  }
}

function chooseProvider(config: BridgeConfig, logger: Logger): ModelProvider {
  if (config.anthropicApiKey === null) {
    logger.warn(
      "ANTHROPIC_API_KEY is not set: agents using Anthropic will answer that no model is configured",
    );
    return new UnconfiguredProvider();
  }
  return new AnthropicProvider({
    apiKey: config.anthropicApiKey,
    ...(config.anthropicBaseUrl === null ? {} : { baseURL: config.anthropicBaseUrl }),
    idleTimeoutMs: config.idleTimeoutMs,
  });
}

async function main(): Promise<void> {
  let config: BridgeConfig;
  try {
    config = loadBridgeConfig(process.env);
  } catch (error) {
    if (error instanceof BridgeConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const bridge = new AgentBridge({
    serverUrl: config.serverUrl,
    key: await readKey(config, logger),
    provider: chooseProvider(config, logger),
    openAiCompatible: { idleTimeoutMs: config.idleTimeoutMs },
    logger,
    concurrency: config.concurrency,
    flushMs: config.flushMs,
    contextItemTokens: config.contextItemTokens,
    stateDir: config.stateDir,
  });
  bridge.start();
  const stop = (signal: string) => {
    logger.info({ signal }, "stopping");
    bridge.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("The agent bridge failed to start:", error);
  process.exit(1);
});
