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
}

const FLAGS = {
  model: "--model",
  systemPrompt: "--system-prompt-file",
  maxOutputTokens: "--max-output-tokens",
  temperature: "--temperature",
  enabled: "--enabled",
  monthlyTokenBudget: "--monthly-token-budget",
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

function readPrompt(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`--system-prompt-file: cannot read ${file}: ${String(error)}`);
  }
}

export function agentSettingsChange(flags: AgentSettingFlags): UpdateAgentConfigRequest {
  const raw = {
    model: flags.model,
    systemPrompt: readPrompt(flags["system-prompt-file"]),
    maxOutputTokens: numberOrText(flags["max-output-tokens"]),
    temperature: nullable(flags.temperature),
    enabled: boolean(flags.enabled),
    monthlyTokenBudget: nullable(flags["monthly-token-budget"]),
  };
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  return validate(updateAgentConfigRequest, given, FLAGS);
}
