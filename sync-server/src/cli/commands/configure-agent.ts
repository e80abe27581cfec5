// ovb configure-agent: an agent's model, system prompt, limits and budget.
import type { AgentConfig } from "@openvibe/schema";
import { updateAgentConfig } from "../../agents/agent-config.ts";
import { agentSettingsChange } from "../agent-settings.ts";
import { defineCommand } from "../command.ts";
import { requireAgent } from "../lookup.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { keyValues } from "../output.ts";
import { asAdmin } from "../workspace.ts";

function configText(handle: string, config: AgentConfig): string {
  const prompt = config.systemPrompt.split("\n")[0] ?? "";
  return keyValues([
    ["agent", `@${handle}`],
    ["model", config.model],
    ["system prompt", prompt.length > 60 ? `${prompt.slice(0, 59)}…` : prompt],
    ["max output tokens", String(config.maxOutputTokens)],
    ["temperature", config.temperature === null ? "model default" : String(config.temperature)],
    ["enabled", String(config.enabled)],
    [
      "monthly budget",
      config.monthlyTokenBudget === null ? "none" : String(config.monthlyTokenBudget),
    ],
  ]);
}

export const configureAgentCommand = defineCommand({
  name: "configure-agent",
  summary:
    "Set an agent's model, system prompt, output limit, temperature, budget or switch it off",
  synopsis: "--agent @HANDLE [--model M] [--system-prompt-file F] [--max-output-tokens N] ...",
  details:
    "Only the options given change; the bridge reads the configuration for each task, so a " +
    "change applies to the next reply. Budgets count input plus output tokens per calendar " +
    "month (UTC); past it, the agent answers that its budget is spent.",
  options: {
    agent: { type: "string", value: "@HANDLE", required: true, description: "the agent" },
    model: { type: "string", value: "MODEL", description: "e.g. claude-sonnet-5-5" },
    "system-prompt-file": {
      type: "string",
      value: "FILE",
      description: "a file holding the system prompt",
    },
    "max-output-tokens": { type: "string", value: "N", description: "longest reply, in tokens" },
    temperature: { type: "string", value: "T", description: "0 to 1, or none for the default" },
    enabled: { type: "string", value: "true|false", description: "false: it answers nothing" },
    "monthly-token-budget": {
      type: "string",
      value: "N|none",
      description: "tokens per month, or none for no limit",
    },
    ...WORKSPACE_OPTIONS,
  },
  run({ values, io }) {
    const change = agentSettingsChange(values);
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const agent = requireAgent(ctx, values.agent, "--agent");
      const config = updateAgentConfig(ctx, admin, agent.id, change);
      return { data: { agentId: agent.id, ...config }, text: configText(agent.handle, config) };
    });
  },
});
