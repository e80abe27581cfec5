// Reads `ovb configure-agent`'s options into an agent configuration change,
// checked by the HTTP API's schema so both accept the same values.
import { readFileSync } from "node:fs";
import { type UpdateAgentConfigRequest, updateAgentConfigRequest } from "@openvibe/schema";
import { UsageError } from "./errors.ts";
import { validate } from "./validate.ts";

export interface AgentSettingFlags {
  model: string | undefined;
  "system-prompt-file": string | undefined;
  "max-output-tokens": string | undefined;
  temperature: string | undefined;
  enabled: string | undefined;
  "monthly-token-budget": string | undefined;
  provider: string | undefined;
  "base-url": string | undefined;
  "api-key-file": string | undefined;
  "clear-api-key": boolean;
}

const FLAGS = {
  model: "--model",
  systemPrompt: "--system-prompt-file",
  maxOutputTokens: "--max-output-tokens",
  temperature: "--temperature",
  enabled: "--enabled",
  monthlyTokenBudget: "--monthly-token-budget",
  provider: "--provider",
  baseUrl: "--base-url",
  apiKey: "--api-key-file",
};

/** A number when it reads as one; otherwise the text, for the schema to refuse by name. */
function numberOrText(value: string | undefined): number | string | undefined {
  return value !== undefined && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

/** "none" clears the value (no budget, the model's default temperature). */
function nullable(value: string | undefined): number | string | null | undefined {
  return value?.trim().toLowerCase() === "none" ? null : numberOrText(value);
}

function boolean(value: string | undefined): boolean | string | undefined {
  return value === "true" ? true : value === "false" ? false : value;
}

function readFlagFile(flag: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${file}: ${String(error)}`);
  }
}

/** A key is read from a file (never a command line, which `ps` and shell history show). */
function apiKey(flags: AgentSettingFlags): string | null | undefined {
  if (flags["clear-api-key"] && flags["api-key-file"] !== undefined) {
    throw new UsageError("give --api-key-file or --clear-api-key, not both");
  }
  return flags["clear-api-key"] ? null : readFlagFile("--api-key-file", flags["api-key-file"]);
}

/** Null when no setting is given and `noneNeeded` (another option says what to change). */
export function agentSettingsChange(
  flags: AgentSettingFlags,
  noneNeeded = false,
): UpdateAgentConfigRequest | null {
  const raw = {
    model: flags.model,
    systemPrompt: readFlagFile("--system-prompt-file", flags["system-prompt-file"]),
    maxOutputTokens: numberOrText(flags["max-output-tokens"]),
    temperature: nullable(flags.temperature),
    enabled: boolean(flags.enabled),
    monthlyTokenBudget: nullable(flags["monthly-token-budget"]),
    provider: flags.provider,
    baseUrl: flags["base-url"]?.trim().toLowerCase() === "none" ? null : flags["base-url"],
    apiKey: apiKey(flags),
  };
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  if (noneNeeded && Object.keys(given).length === 0) return null;
  return validate(updateAgentConfigRequest, given, FLAGS);
}
