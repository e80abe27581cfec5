// Agent tests with tools: the agent world, its agent given MCP servers (the
// fake MCP server over stdio as a child process, or over HTTP), a bridge whose
// logs are kept for inspection, and the steps of a reply.

import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type MessageView, type ToolStepView, toolStepsOf } from "@openvibe/schema";
import { pino } from "pino";
import { expect } from "vitest";
import type * as Y from "yjs";
import type { AgentBridgeOptions } from "../../src/bridge.ts";
import { type AgentWorld, startAgentWorld } from "./agent-world.ts";

export const FAKE_MCP_STDIO = fileURLToPath(
  new URL("../../src/testing/fake-mcp-stdio.ts", import.meta.url),
);

/** The fake MCP server over stdio, named `fake`, with `secret` switched off. */
export const STDIO_SERVER = {
  name: "fake",
  transport: "stdio",
  command: process.execPath,
  args: [FAKE_MCP_STDIO],
  tools: { secret: "off" },
};

export interface ToolWorld extends AgentWorld {
  /** Everything the bridge logged, as JSON lines. */
  logs: string[];
  /** Replaces the agent's tools (PUT /api/agents/{id}/tools as the admin). */
  setTools(body: unknown): Promise<void>;
}

/** `bridge`: options of the world's bridge beyond the usual ones. */
export async function startToolWorld(bridge: Partial<AgentBridgeOptions> = {}): Promise<ToolWorld> {
  const world = await startAgentWorld({
    bridge: false,
    server: { OPENVIBE_SECRETS_KEY: randomBytes(32).toString("base64") },
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  world.startBridge({ logger: pino({ level: "debug" }, sink), ...bridge });
  const setTools = async (body: unknown) => {
    const path = `/api/agents/${world.workspace.agent.user.id}/tools`;
    const response = await world.workspace.admin.client.put(path, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  return { ...world, logs, setTools };
}

export function stepsOf(doc: Y.Doc, reply: MessageView | undefined): ToolStepView[] {
  return reply === undefined ? [] : toolStepsOf(doc, reply.id);
}
