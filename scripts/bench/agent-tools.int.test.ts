// The agent tools benchmark (scripts/bench/agent-tools.ts) at a tiny size, end to end, so it
// cannot rot unseen: the real bridge starts the stdio MCP server, and every tool call the fake
// model makes is answered without an error. Nothing here asserts a time.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { benchJson } from "./lib/bench-json.ts";

const SCRIPT = fileURLToPath(new URL("./agent-tools.ts", import.meta.url));
const ARGS = ["--replies", "2", "--calls", "2", "--json"];
// A hang, not a slow machine: the run takes a few seconds.
const DEADLINE_MS = 120_000;

interface Output {
  rows: { variant: string; toolCallsAnswered: number }[];
}

describe("the agent tools benchmark", () => {
  it(
    "answers every tool call of every reply",
    async () => {
      const { rows } = await benchJson<Output>(process.execPath, [SCRIPT, ...ARGS], DEADLINE_MS);
      expect(rows.map((r) => [r.variant, r.toolCallsAnswered])).toEqual([
        ["no MCP", 0],
        ["MCP, 0 calls", 0],
        ["MCP, 2 calls", 4],
      ]);
    },
    DEADLINE_MS + 5_000,
  );
});
