// Agent tools benchmark: what tool use adds to an agent's reply. Run it through
// scripts/bench/agent-tools.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { putAgentToolsRequest } from "@openvibe/schema";
import { AgentBridge } from "../../agent-bridge/src/bridge.ts";
import { createLogger } from "../../agent-bridge/src/logger.ts";
import { AnthropicProvider } from "../../agent-bridge/src/model/anthropic-provider.ts";
import type { RecordedRequest } from "../../agent-bridge/src/testing/fake-anthropic-server.ts";
import { putAgentTools } from "../../sync-server/src/agents/agent-tools.ts";
import { SecretBox } from "../../sync-server/src/agents/secret-box.ts";
import { type BenchWorld, postNewThread, startBenchWorld } from "./agents-world.ts";

const HELP = `Usage: scripts/bench/agent-tools [options]

Times agent replies through the real server, bridge and Anthropic SDK (pointed
at the local fake API), one reply at a time, in three variants:

  no MCP        the agent has no MCP server (only the built-in tools are offered)
  MCP, 0 calls  a stdio MCP server (the SDK's McpServer in a child process) is
                started and listed for each reply, but the model calls nothing
  MCP, N calls  the model calls one of its tools N times, one per round

Reported per variant: the median reply time (mention written to reply
finished), and the tool calls answered without an error. "per round trip" is
the median time from a model request that asked for a tool to the next request
(the model's tool_use streamed, the step written, the call over stdio, the step
ended, the tool_result sent); "MCP start" is (MCP 0 calls - no MCP): starting,
listing and closing the server.

Options:
  --replies R    replies per variant (default 10)
  --calls N      tool calls per reply in the last variant (default 5)
  --json         print the results as JSON instead of a table
  -h, --help     show this help

Progress goes to stderr, results to stdout.`;

const FAKE_MCP_STDIO = fileURLToPath(
  new URL("../../agent-bridge/src/testing/fake-mcp-stdio.ts", import.meta.url),
);

interface Variant {
  name: string;
  mcp: boolean;
  calls: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

function setTools(world: BenchWorld, mcp: boolean): void {
  const agent = world.agents[0];
  if (agent === undefined) throw new Error("no agent");
  const servers = mcp
    ? [{ name: "bench", transport: "stdio", command: process.execPath, args: [FAKE_MCP_STDIO] }]
    : [];
  const change = putAgentToolsRequest.parse({ servers });
  putAgentTools(world.server.ctx, world.admin, agent.id, change, new SecretBox(null));
}

interface Timings {
  /** Each reply, mention written to reply finished. */
  replies: number[];
  /** From each model request that asked for a tool to the next one (a whole round trip). */
  rounds: number[];
  /** Tool calls answered without an error, in all replies. */
  answered: number;
}

/** Tool results in a reply's last model request (it holds every call's) that are not errors. */
function answeredCalls(last: RecordedRequest | undefined): number {
  const messages = (last?.body.messages ?? []) as { content: unknown }[];
  return messages
    .flatMap((m) => (Array.isArray(m.content) ? (m.content as Record<string, unknown>[]) : []))
    .filter((block) => block.type === "tool_result" && block.is_error === false).length;
}

/** Replies written and finished one after another. */
async function timeReplies(world: BenchWorld, variant: Variant, replies: number): Promise<Timings> {
  setTools(world, variant.mcp);
  const bridge = new AgentBridge({
    serverUrl: world.server.url,
    key: world.bridgeKey,
    provider: new AnthropicProvider({ apiKey: "fake", baseURL: world.fake.url, maxRetries: 0 }),
    // Stdout is the table or the JSON: the bridge's warnings go to stderr with the progress.
    logger: createLogger("warn", process.stderr),
    concurrency: 1,
    flushMs: 50,
  });
  bridge.start();
  const threads: HocuspocusProvider[] = [];
  const actor = { kind: "human" as const, id: world.admin.id };
  const handle = world.agents[0]?.handle ?? "agent1";
  const times: Timings = { replies: [], rounds: [], answered: 0 };
  try {
    for (let n = 0; n < replies; n += 1) {
      for (let call = 0; call < variant.calls; call += 1) {
        world.fake.enqueue({
          kind: "reply",
          tokens: [],
          toolCalls: [{ id: `toolu_${n}_${call}`, name: "bench__lookup", input: { q: `${call}` } }],
        });
      }
      const settled = new Promise<void>((resolve) =>
        bridge.events.once("task-settled", () => resolve()),
      );
      const first = world.fake.requests.length;
      const started = performance.now();
      threads.push(
        postNewThread(world, actor, { title: `${variant.name} ${n}`, body: `@${handle} go` }),
      );
      await settled;
      times.replies.push(performance.now() - started);
      times.answered += answeredCalls(world.fake.requests.at(-1));
      const requests = world.fake.requests.slice(first).map((r) => r.receivedAt);
      for (let k = 1; k < requests.length; k += 1) {
        times.rounds.push((requests[k] ?? 0) - (requests[k - 1] ?? 0));
      }
    }
  } finally {
    for (const thread of threads) thread.destroy();
    await bridge.stop();
  }
  return times;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      replies: { type: "string" },
      calls: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const replies = Math.max(1, Number(values.replies ?? 10));
  const calls = Math.max(1, Number(values.calls ?? 5));
  const variants: Variant[] = [
    { name: "no MCP", mcp: false, calls: 0 },
    { name: "MCP, 0 calls", mcp: true, calls: 0 },
    { name: `MCP, ${calls} calls`, mcp: true, calls },
  ];
  const world = await startBenchWorld(1);
  world.fake.setDefault({ kind: "reply", tokens: ["Done", "."] });
  const medians: number[] = [];
  const answered: number[] = [];
  let rounds: number[] = [];
  try {
    for (const variant of variants) {
      console.error(`running: ${variant.name}`);
      const timings = await timeReplies(world, variant, replies);
      medians.push(median(timings.replies));
      answered.push(timings.answered);
      if (variant.calls > 0) rounds = timings.rounds;
    }
  } finally {
    await world.close();
  }
  const [none = 0, idle = 0] = medians;
  const summary = { mcpStartMs: idle - none, perRoundTripMs: median(rounds) };
  const rows = variants.map((v, i) => ({
    variant: v.name,
    medianMs: medians[i] ?? 0,
    toolCallsAnswered: answered[i] ?? 0,
  }));
  if (values.json) {
    console.log(JSON.stringify({ replies, calls, rows, ...summary }, null, 2));
    return;
  }
  console.log(`${replies} replies per variant, one at a time\n`);
  for (const row of rows) {
    const calls = `${row.toolCallsAnswered} tool calls answered`;
    console.log(`${row.variant.padEnd(16)} ${row.medianMs.toFixed(0).padStart(6)} ms  ${calls}`);
  }
  console.log(`\nMCP start        ${summary.mcpStartMs.toFixed(0).padStart(6)} ms per reply`);
  console.log(`per round trip   ${summary.perRoundTripMs.toFixed(0).padStart(6)} ms`);
}

await main();
