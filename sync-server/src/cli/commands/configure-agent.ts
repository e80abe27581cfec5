// ovb configure-agent: an agent's model, provider, system prompt, limits, budget and tools.
import type { AgentConfig, AgentToolsView } from "@openvibe/schema";
import { getAgentConfig, updateAgentConfig } from "../../agents/agent-config.ts";
import { getAgentTools, putAgentTools } from "../../agents/agent-tools.ts";
import { agentSettingsChange } from "../agent-settings.ts";
import { agentToolsChange } from "../agent-tools-file.ts";
import { defineCommand } from "../command.ts";
import { requireAgent } from "../lookup.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { keyValues } from "../output.ts";
import { secretsFromEnv } from "../secrets.ts";
import { asAdmin } from "../workspace.ts";

function toolsText(tools: AgentToolsView): string {
  if (tools.servers.length === 0) return "none";
  return tools.servers
    .map((s) => `${s.name} (${s.transport === "stdio" ? s.command : s.url})`)
    .join(", ");
}

function configText(handle: string, config: AgentConfig, tools: AgentToolsView): string {
  const prompt = config.systemPrompt.split("\n")[0] ?? "";
  return keyValues([
    ["agent", `@${handle}`],
    ["model", config.model],
    ["provider", config.provider],
    ["base URL", config.baseUrl ?? "none"],
    ["API key", config.apiKeySet ? "set" : "none"],
    ["system prompt", prompt.length > 60 ? `${prompt.slice(0, 59)}…` : prompt],
    ["max output tokens", String(config.maxOutputTokens)],
    ["temperature", config.temperature === null ? "model default" : String(config.temperature)],
    ["enabled", String(config.enabled)],
    [
      "monthly budget",
      config.monthlyTokenBudget === null ? "none" : String(config.monthlyTokenBudget),
    ],
    ["MCP servers", toolsText(tools)],
  ]);
}

export const configureAgentCommand = defineCommand({
  name: "configure-agent",
  summary:
    "Set an agent's model, provider, system prompt, output limit, temperature, budget or switch it off",
  synopsis: "--agent @HANDLE [--model M] [--system-prompt-file F] [--max-output-tokens N] ...",
  details:
    "Only the options given change; the bridge reads the configuration for each task, so a " +
    "change applies to the next reply. Budgets count input plus output tokens per calendar " +
    "month (UTC); past it, the agent answers that its budget is spent. An openai-compatible " +
    "provider needs --base-url; its key (--api-key-file) is stored encrypted with " +
    "OPENVIBE_SECRETS_KEY, which must be set for ovb as for the server. --tools-file replaces " +
    "the agent's MCP servers and tool limits with a JSON file's (the body of PUT " +
    "/api/agents/{id}/tools; header values are stored encrypted).",
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
    provider: {
      type: "string",
      value: "anthropic|openai-compatible",
      description: "anthropic (the bridge's key) or any Chat Completions endpoint",
    },
    "base-url": {
      type: "string",
      value: "URL|none",
      description: "the openai-compatible endpoint, e.g. http://127.0.0.1:11434/v1",
    },
    "api-key-file": {
      type: "string",
      value: "FILE",
      description: "a file holding the endpoint's API key (stored encrypted)",
    },
    "clear-api-key": { type: "boolean", description: "forget the stored API key" },
    "tools-file": {
      type: "string",
      value: "FILE",
      description: "a JSON file of MCP servers and tool limits (replaces the agent's)",
    },
    ...WORKSPACE_OPTIONS,
  },
  run({ values, io }) {
    const tools = agentToolsChange(values["tools-file"]);
    const change = agentSettingsChange(values, tools !== null);
    const secrets = secretsFromEnv(io.env);
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const agent = requireAgent(ctx, values.agent, "--agent");
      const config =
        change === null
          ? getAgentConfig(ctx, agent.id)
          : updateAgentConfig(ctx, admin, agent.id, change, secrets);
      const toolsView =
        tools === null
          ? getAgentTools(ctx, agent.id)
          : putAgentTools(ctx, admin, agent.id, tools, secrets);
      return {
        data: { agentId: agent.id, ...config, tools: toolsView },
        text: configText(agent.handle, config, toolsView),
      };
    });
  },
});
