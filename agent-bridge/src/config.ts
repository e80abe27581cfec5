// The bridge's configuration, from the environment, checked at startup with
// messages that say what to fix.
import { z } from "zod";

export interface BridgeConfig {
  serverUrl: string;
  /** The bridge key itself, or the file it is read from (written by the server on first run). */
  key: { value: string } | { file: string };
  anthropicApiKey: string | null;
  anthropicBaseUrl: string | null;
  concurrency: number;
  flushMs: number;
  /** Tokens of context items (the shared memory) in an agent's prompt. */
  contextItemTokens: number;
  idleTimeoutMs: number;
  logLevel: string;
  /** Where replies not delivered before shutdown (the server was away) wait for the next start. */
  stateDir: string;
}

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

const schema = z.object({
  OPENVIBE_SERVER_URL: z
    .url({ error: "OPENVIBE_SERVER_URL must be a URL like http://127.0.0.1:8787" })
    .default("http://127.0.0.1:8787"),
  OPENVIBE_BRIDGE_KEY: z
    .string()
    .startsWith(
      "ovk_",
      "OPENVIBE_BRIDGE_KEY must be a bridge key (ovk_...) from `./scripts/ovb create-bridge-key`",
    )
    .optional(),
  OPENVIBE_BRIDGE_KEY_FILE: z.string().default("./data/agent-bridge.key"),
  OPENVIBE_BRIDGE_STATE_DIR: z.string().default("./data/agent-bridge"),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.url({ error: "ANTHROPIC_BASE_URL must be a URL" }).optional(),
  OPENVIBE_BRIDGE_CONCURRENCY: wholeNumber("OPENVIBE_BRIDGE_CONCURRENCY", 1, 64).default(4),
  OPENVIBE_BRIDGE_FLUSH_MS: wholeNumber("OPENVIBE_BRIDGE_FLUSH_MS", 10, 2000).default(50),
  OPENVIBE_CONTEXT_ITEM_TOKENS: wholeNumber("OPENVIBE_CONTEXT_ITEM_TOKENS", 0, 16_000).default(
    4_000,
  ),
  OPENVIBE_MODEL_IDLE_TIMEOUT_MS: wholeNumber(
    "OPENVIBE_MODEL_IDLE_TIMEOUT_MS",
    1000,
    600_000,
  ).default(60_000),
  OPENVIBE_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
});

export class BridgeConfigError extends Error {}

export function loadBridgeConfig(env: Record<string, string | undefined>): BridgeConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new BridgeConfigError(
      `Invalid agent bridge configuration:\n${parsed.error.issues.map((i) => `  - ${i.message}`).join("\n")}`,
    );
  }
  const e = parsed.data;
  return {
    serverUrl: e.OPENVIBE_SERVER_URL.replace(/\/$/, ""),
    key:
      e.OPENVIBE_BRIDGE_KEY === undefined
        ? { file: e.OPENVIBE_BRIDGE_KEY_FILE }
        : { value: e.OPENVIBE_BRIDGE_KEY },
    anthropicApiKey: e.ANTHROPIC_API_KEY ?? null,
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL ?? null,
    concurrency: e.OPENVIBE_BRIDGE_CONCURRENCY,
    flushMs: e.OPENVIBE_BRIDGE_FLUSH_MS,
    contextItemTokens: e.OPENVIBE_CONTEXT_ITEM_TOKENS,
    idleTimeoutMs: e.OPENVIBE_MODEL_IDLE_TIMEOUT_MS,
    logLevel: e.OPENVIBE_LOG_LEVEL,
    stateDir: e.OPENVIBE_BRIDGE_STATE_DIR,
  };
}
