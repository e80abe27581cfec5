// Agents benchmark: concurrent agent replies streamed by the real bridge into
// one channel watched by many viewers. Run it through scripts/bench/agents.
import { parseArgs } from "node:util";
import { createSplitThread, defaultEnv, threadDocumentName, threadView } from "@openvibe/schema";
import * as Y from "yjs";
import { AgentBridge } from "../../agent-bridge/src/bridge.ts";
import { createLogger } from "../../agent-bridge/src/logger.ts";
import { AnthropicProvider } from "../../agent-bridge/src/model/anthropic-provider.ts";
import { type BenchWorld, connectViewer, startBenchWorld, type Viewer } from "./agents-world.ts";
import { namingThread } from "./channel-fixture.ts";

const HELP = `Usage: scripts/bench/agents [options]

Streams agent replies into one channel through the real server, the real agent
bridge and the Anthropic SDK (pointed at the local fake API), and measures what
the viewers receive. A person mentions each of S agents in its own thread at
once, so S replies stream concurrently; V viewers (real providers, one socket
each) watch the channel's S thread documents. Each variant is one round in the same run:

  per token      flush window 0: about one Yjs update per token (the baseline)
  flush 10 ms    OPENVIBE_BRIDGE_FLUSH_MS at its minimum
  flush 50 ms    the default

Reported per variant (viewer figures are means over the viewers): the replies
every viewer holds as completed (a failed reply is not), seconds until every
viewer saw every reply finished, updates and updates/second per viewer,
updates per token, and WebSocket bytes received per viewer per token; and
"written/token", the updates the server received from the bridge per token.

Options:
  --streams S         concurrent agent replies (default 10)
  --viewers V         viewers of the channel (default 50)
  --tokens N          tokens per reply (default 200)
  --token-ms MS       delay between tokens from the fake API (default 5)
  --json              print the results as JSON instead of a table
  -h, --help          show this help

Progress goes to stderr, results to stdout.`;

const VARIANTS = [
  { name: "per token", flushMs: 0 },
  { name: "flush 10 ms", flushMs: 10 },
  { name: "flush 50 ms", flushMs: 50 },
] as const;

interface Options {
  streams: number;
  viewers: number;
  tokens: number;
  tokenMs: number;
}

interface Result {
  variant: string;
  seconds: number;
  tokens: number;
  /** Replies every viewer holds as completed (the fewest any viewer holds). */
  completed: number;
  updatesPerViewer: number;
  updatesPerSecond: number;
  updatesPerToken: number;
  /** Updates the server received (from the bridge) per token: what the bridge wrote. */
  writtenPerToken: number;
  bytesPerToken: number;
}

/** Resolves once the viewer's document holds everything the server's copy holds. */
function caughtUp(doc: Y.Doc, server: Y.Doc, timeoutMs: number): Promise<void> {
  const target = Buffer.from(Y.encodeStateVector(server));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      doc.off("update", check);
      reject(new Error(`a viewer did not catch up within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = () => {
      if (!target.equals(Y.encodeStateVector(doc))) return;
      clearTimeout(timer);
      doc.off("update", check);
      resolve();
    };
    doc.on("update", check);
    check();
  });
}

/** Threads of `docs` (one per stream, in `threadIds` order) whose agent reply completed. */
function completedReplies(docs: Y.Doc[], threadIds: string[]): number {
  return docs.filter((doc, n) =>
    threadView(doc, threadIds[n] ?? "")?.messages.some(
      (m) => m.author.kind === "agent" && m.task?.status === "completed",
    ),
  ).length;
}

/** Resolves once the bridge has settled `count` tasks. */
function settled(bridge: AgentBridge, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onSettled = () => {
      seen += 1;
      if (seen < count) return;
      bridge.events.off("task-settled", onSettled);
      resolve();
    };
    bridge.events.on("task-settled", onSettled);
  });
}

async function round(
  world: BenchWorld,
  writer: Viewer,
  viewers: Viewer[],
  variant: (typeof VARIANTS)[number],
  options: Options,
): Promise<Result> {
  const bridge = new AgentBridge({
    serverUrl: world.server.url,
    key: world.bridgeKey,
    provider: new AnthropicProvider({ apiKey: "fake", baseURL: world.fake.url, maxRetries: 0 }),
    // Stdout is the table or the JSON: the bridge's warnings go to stderr with the progress.
    logger: createLogger("warn", process.stderr),
    concurrency: options.streams,
    flushMs: variant.flushMs,
  });
  bridge.start();
  const done = settled(bridge, options.streams);
  for (const viewer of viewers) viewer.reset();
  let written = 0;
  const serverDocs = world.threadIds.map((threadId) => {
    const name = threadDocumentName(world.channelId, threadId);
    const doc = world.server.hocuspocus.documents.get(name);
    if (doc === undefined) throw new Error(`the viewers should keep ${name} loaded`);
    return doc;
  });
  const countWritten = () => {
    written += 1;
  };
  for (const doc of serverDocs) doc.on("update", countWritten);
  const started = performance.now();
  const actor = { kind: "human" as const, id: world.admin.id };
  world.agents.forEach((agent, n) => {
    const body = `@${agent.handle} go`;
    // Each stream in its own thread, created in its thread document as the client does.
    const doc = writer.docs[n];
    const threadId = world.threadIds[n];
    if (doc === undefined || threadId === undefined) throw new Error("a thread per agent");
    createSplitThread(
      () => doc,
      actor,
      { title: `${variant.name} ${n}`, body },
      namingThread(defaultEnv, threadId),
    );
  });
  await done;
  await Promise.all(
    viewers.flatMap((v) =>
      serverDocs.map((server, n) => caughtUp(v.docs[n] ?? new Y.Doc(), server, 60_000)),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  await bridge.stop();
  for (const doc of serverDocs) doc.off("update", countWritten);
  const tokens = options.streams * options.tokens;
  const mean = (pick: (v: Viewer) => number) =>
    viewers.reduce((sum, v) => sum + pick(v), 0) / viewers.length;
  const updates = mean((v) => v.updates);
  return {
    variant: variant.name,
    seconds,
    tokens,
    completed: Math.min(...viewers.map((v) => completedReplies(v.docs, world.threadIds))),
    updatesPerViewer: updates,
    updatesPerSecond: updates / seconds,
    updatesPerToken: updates / tokens,
    writtenPerToken: written / tokens,
    bytesPerToken: mean((v) => v.bytes) / tokens,
  };
}

/**
 * Each variant gets its own server: a stopped bridge's last long-poll claims can still be open
 * on the server for a moment and take the next round's tasks (given back after the claim
 * confirmation window), which would show up as a delay that is not the variant's.
 */
async function inFreshWorld(variant: (typeof VARIANTS)[number], options: Options): Promise<Result> {
  const world = await startBenchWorld(options.streams);
  try {
    world.fake.setDefault({
      kind: "reply",
      tokens: Array.from({ length: options.tokens }, (_, i) => ` tok${i}`),
      tokenDelayMs: options.tokenMs,
    });
    const writer = await connectViewer(world);
    const viewers = await Promise.all(
      Array.from({ length: options.viewers }, () => connectViewer(world)),
    );
    const result = await round(world, writer, viewers, variant, options);
    for (const viewer of [writer, ...viewers]) viewer.close();
    return result;
  } finally {
    await world.close();
  }
}

function printTable(results: Result[], options: Options): void {
  console.log(
    `${options.streams} concurrent streams x ${options.tokens} tokens (${options.tokenMs} ms apart), ${options.viewers} viewers\n`,
  );
  const rows = [
    [
      "variant",
      "completed",
      "seconds",
      "written/token",
      "updates/viewer",
      "updates/s/viewer",
      "updates/token/viewer",
      "bytes/token/viewer",
    ],
    ...results.map((r) => [
      r.variant,
      `${r.completed}/${options.streams}`,
      r.seconds.toFixed(2),
      r.writtenPerToken.toFixed(3),
      r.updatesPerViewer.toFixed(0),
      r.updatesPerSecond.toFixed(0),
      r.updatesPerToken.toFixed(3),
      r.bytesPerToken.toFixed(1),
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0))) ?? [];
  for (const row of rows) {
    console.log(
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join("  "),
    );
  }
}

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      streams: { type: "string" },
      viewers: { type: "string" },
      tokens: { type: "string" },
      "token-ms": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const options: Options = {
    streams: Math.max(1, positive(values.streams, "--streams", 10)),
    viewers: Math.max(1, positive(values.viewers, "--viewers", 50)),
    tokens: Math.max(1, positive(values.tokens, "--tokens", 200)),
    tokenMs: positive(values["token-ms"], "--token-ms", 5),
  };
  const results: Result[] = [];
  for (const variant of VARIANTS) {
    console.error(`running: ${variant.name}`);
    results.push(await inFreshWorld(variant, options));
  }
  if (values.json) console.log(JSON.stringify({ options, results }, null, 2));
  else printTable(results, options);
}

await main();
