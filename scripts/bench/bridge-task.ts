// Bridge-task benchmark: what one agent task costs the agent bridge, in time and memory, on
// channels of growing size (issue #14: "memory and time per task do not grow with the channel's
// size"). Run it through scripts/bench/bridge-task (see --help).
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { threadDocumentName } from "@openvibe/schema";
import type { BridgeReport } from "./bridge-report-preload.ts";
import { mentionAndTime, newestThreads, type TaskTiming } from "./bridge-task-mention.ts";
import {
  type BridgeProcess,
  seedAndIndex,
  setUpOffline,
  startBridge,
  startFake,
  startServer,
} from "./bridge-task-world.ts";
import type { ServerProcess } from "./client-server.ts";
import { parseBenchArgs, positiveInteger, progress, sizesOption } from "./lib/cli.ts";
import { sampleProcess } from "./side-by-side/proc-stats.ts";

const HELP = `Usage: scripts/bench/bridge-task [options]

For each channel size, in a fresh data directory:
  1. set up a workspace offline (one public channel, an agent in it, a bridge key);
  2. build the channel offline, split (threads of 40-60 messages, each in its thread document,
     the channel document holding the index; scripts/bench/channel-fixture.ts), append it to the
     server's document log and index it with \`ovb reindex\` (search and thread index);
  3. start the real server and the real agent bridge, each its own process (the bridge with a
     report hook preloaded: scripts/bench/bridge-report-preload.ts), the bridge answering through
     the Anthropic SDK from a local fake of the API (--tokens tokens, --token-ms apart);
  4. a person (a real @hocuspocus/provider) mentions the agent in the channel's newest threads,
     one task after the other (a different thread each, newest first), and times each reply from
     the server acknowledging the mention to its first token in the thread's document and to its
     end. The bridge reports (after a full garbage collection) its heap and resident set before
     the tasks, while answering (at the first token), after each task once it has left every
     document, and after all; and the documents it sent anything for during each task, which
     should be the task's thread document only.
The per-size table is followed by a ratio line: the largest size against the smallest, for the
median times and the bridge's memory while answering. The machine's load average is shown per
size: other work on the machine inflates times.

Options:
  --sizes LIST        channel sizes in messages, comma separated (default 1000,100000)
  --tasks N           tasks per size, one after the other (default 10)
  --tokens N          tokens per reply from the fake API (default 100)
  --token-ms MS       delay between tokens (default 5)
  --seed N            seed of the generated content (default 42)
  --json              print the results as JSON instead of tables
  -h, --help          show this help

Progress goes to stderr, results to stdout. Exits 1 when a size failed (its line says why).`;

interface Options {
  sizes: number[];
  tasks: number;
  tokens: number;
  tokenMs: number;
  seed: number;
  json: boolean;
}

interface Memory {
  heapMb: number | null;
  rssMb: number;
}

interface TaskResult extends TaskTiming {
  /** The bridge at the first token: what it holds while answering. */
  answering: Memory;
  /** Highest resident set of the bridge process seen during the task (sampled from /proc). */
  peakRssMb: number | null;
  /** Once the bridge left every document after the task. */
  after: Memory;
  /** The documents the bridge sent anything for during the task. */
  documents: string[];
  /** `documents` is exactly the task's thread document. */
  onlyItsThread: boolean;
}

interface SizeOk {
  messages: number;
  threads: number;
  stateMb: number;
  setupSeconds: number;
  before: Memory;
  tasks: TaskResult[];
  afterAll: Memory;
  loadAverage: [number, number];
}

type SizeResult = SizeOk | { messages: number; error: string };

const SETTLE_TIMEOUT_MS = 60_000;

function parseOptions(argv: string[]): Options | null {
  const values = parseBenchArgs(argv, {
    sizes: { type: "string", default: "1000,100000" },
    tasks: { type: "string", default: "10" },
    tokens: { type: "string", default: "100" },
    "token-ms": { type: "string", default: "5" },
  });
  if (values === null) return null;
  const tokenMs = Number(values["token-ms"]);
  if (!Number.isInteger(tokenMs) || tokenMs < 0) {
    throw new Error(`--token-ms must be a whole number, got "${values["token-ms"]}"`);
  }
  return {
    sizes: sizesOption(values.sizes),
    tasks: positiveInteger(values.tasks, "--tasks"),
    tokens: positiveInteger(values.tokens, "--tokens"),
    tokenMs,
    seed: positiveInteger(values.seed, "--seed"),
    json: values.json,
  };
}

const count = (n: number) => n.toLocaleString("en");
const memory = (report: BridgeReport): Memory => ({
  heapMb: report.heapUsedMb,
  rssMb: report.rssMb,
});

/**
 * Asks the bridge for reports until it holds no document (it has finished the task and let go of
 * its thread), and returns the last one with every document it sent for meanwhile.
 */
async function settled(
  bridge: BridgeProcess,
): Promise<{ last: BridgeReport; documents: string[] }> {
  const documents = new Set<string>();
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const report = await bridge.report();
    for (const name of report.opened) documents.add(name);
    if (report.open.length === 0) return { last: report, documents: [...documents] };
    if (Date.now() > deadline) {
      throw new Error(
        `the bridge still holds ${report.open.join(", ")} after ${SETTLE_TIMEOUT_MS} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One task: the mention, the reply timed, the bridge's memory and documents around it. */
async function runTask(
  bridge: BridgeProcess,
  server: ServerProcess,
  apiKey: string,
  target: { channelId: string; threadId: string },
  actor: { kind: "human"; id: string },
  agent: { id: string; handle: string },
): Promise<TaskResult> {
  let peakRssMb: number | null = null;
  const sampler = setInterval(() => {
    const rss = sampleProcess(bridge.pid)?.rssMb;
    if (rss !== undefined) peakRssMb = Math.max(peakRssMb ?? 0, rss);
  }, 20);
  let answering: Promise<BridgeReport> | null = null;
  try {
    const timing = await mentionAndTime(server.websocketUrl, apiKey, target, actor, agent, () => {
      answering = bridge.report();
    });
    if (answering === null) throw new Error("the first token was never seen");
    const during: BridgeReport = await answering;
    const { last, documents } = await settled(bridge);
    const all = [...new Set([...during.opened, ...documents])];
    const own = threadDocumentName(target.channelId, target.threadId);
    return {
      ...timing,
      answering: memory(during),
      peakRssMb,
      after: memory(last),
      documents: all,
      onlyItsThread: all.length === 1 && all[0] === own,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function measureSize(messages: number, options: Options): Promise<SizeResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const dataDir = mkdtempSync(join(tmpdir(), "openvibe-bench-bridge-"));
  const stops: (() => Promise<void>)[] = [];
  try {
    const setupStarted = performance.now();
    const workspace = await setUpOffline(dataDir);
    progress(`  seeding ${count(messages)} messages into channel:${workspace.channelId}…`);
    const seeded = await seedAndIndex(dataDir, workspace, messages, options.seed, progress);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const server = await startServer(dataDir);
    stops.push(() => server.stop());
    const fake = await startFake(options.tokens, options.tokenMs);
    stops.push(() => fake.close());
    const bridge = await startBridge(dataDir, server, workspace.bridgeKey, fake);
    stops.push(() => bridge.stop());
    const threads = await newestThreads(
      server.websocketUrl,
      workspace.channelId,
      workspace.apiKey,
      options.tasks,
    );
    if (threads.length === 0) throw new Error("the channel's index lists no thread");
    const before = memory(await bridge.report());
    const actor = { kind: "human" as const, id: workspace.adminId };
    const agent = { id: workspace.agentId, handle: workspace.agentHandle };
    const tasks: TaskResult[] = [];
    for (let n = 0; n < options.tasks; n += 1) {
      const threadId = threads[n % threads.length] ?? "";
      const target = { channelId: workspace.channelId, threadId };
      const task = await runTask(bridge, server, workspace.apiKey, target, actor, agent);
      progress(
        `  task ${n + 1}/${options.tasks}: first token ${task.firstTokenMs.toFixed(0)} ms, done ${task.doneMs.toFixed(0)} ms (${task.status})`,
      );
      tasks.push(task);
    }
    const afterAll = memory(await bridge.report());
    return {
      messages,
      threads: seeded.threads,
      stateMb: seeded.stateBytes / 2 ** 20,
      setupSeconds,
      before,
      tasks,
      afterAll,
      loadAverage: [loadBefore, loadavg()[0] ?? 0],
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    progress(`  ${count(messages)} failed: ${reason}`);
    return { messages, error: reason ?? "unknown error" };
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface Summary {
  firstTokenMs: number;
  doneMs: number;
  answeringHeapMb: number | null;
  peakRssMb: number | null;
  /** Heap after all tasks minus before, per task: what a task leaves behind. */
  heapGrowthPerTaskMb: number | null;
  onlyItsThread: boolean;
}

function summarise(size: SizeOk): Summary {
  const heaps = size.tasks.map((t) => t.answering.heapMb).filter((h): h is number => h !== null);
  const peaks = size.tasks.map((t) => t.peakRssMb).filter((r): r is number => r !== null);
  const { before, afterAll } = size;
  return {
    firstTokenMs: median(size.tasks.map((t) => t.firstTokenMs)),
    doneMs: median(size.tasks.map((t) => t.doneMs)),
    answeringHeapMb: heaps.length === 0 ? null : median(heaps),
    peakRssMb: peaks.length === 0 ? null : Math.max(...peaks),
    heapGrowthPerTaskMb:
      before.heapMb === null || afterAll.heapMb === null
        ? null
        : (afterAll.heapMb - before.heapMb) / size.tasks.length,
    onlyItsThread: size.tasks.every((t) => t.onlyItsThread),
  };
}

const mb = (value: number | null) => (value === null ? "n/a" : value.toFixed(1));

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join("  "),
    )
    .join("\n");
}

function formatSize(size: SizeOk): string {
  const header = [
    "",
    "first token ms",
    "done ms",
    "status",
    "heap MB",
    "RSS MB",
    "peak RSS MB",
    "documents",
  ];
  const still = (label: string, m: Memory) => [
    label,
    "",
    "",
    "",
    mb(m.heapMb),
    mb(m.rssMb),
    "",
    "",
  ];
  const rows = [
    header,
    still("before", size.before),
    ...size.tasks.flatMap((t, n) => [
      [
        `task ${n + 1} answering`,
        t.firstTokenMs.toFixed(0),
        t.doneMs.toFixed(0),
        t.status,
        mb(t.answering.heapMb),
        mb(t.answering.rssMb),
        mb(t.peakRssMb),
        t.onlyItsThread ? "its thread only" : t.documents.join(" "),
      ],
      still(`task ${n + 1} after`, t.after),
    ]),
    still("after all", size.afterAll),
  ];
  const s = summarise(size);
  const [loadBefore, loadAfter] = size.loadAverage;
  return [
    `== ${count(size.messages)} messages, ${count(size.threads)} threads (${size.stateMb.toFixed(1)} MB of Yjs state; seeded and indexed in ${size.setupSeconds.toFixed(0)} s; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)})`,
    table(rows),
    `median: first token ${s.firstTokenMs.toFixed(0)} ms, done ${s.doneMs.toFixed(0)} ms; bridge heap while answering ${mb(s.answeringHeapMb)} MB, peak RSS ${mb(s.peakRssMb)} MB, heap left per task ${mb(s.heapGrowthPerTaskMb)} MB; ${s.onlyItsThread ? "every task opened only its thread's document" : "SOME TASK OPENED OTHER DOCUMENTS"}`,
  ].join("\n");
}

function ratio(large: number | null, small: number | null): string {
  return large === null || small === null || small === 0 ? "n/a" : `${(large / small).toFixed(2)}×`;
}

/** The largest size's figures over the smallest's. */
function ratioLine(results: SizeResult[]): string | null {
  const ok = results.filter((r): r is SizeOk => !("error" in r));
  if (ok.length < 2) return null;
  const sorted = [...ok].sort((a, b) => a.messages - b.messages);
  const smallest = sorted[0];
  const largest = sorted.at(-1);
  if (smallest === undefined || largest === undefined) return null;
  const [s, l] = [summarise(smallest), summarise(largest)];
  return (
    `ratio ${count(largest.messages)} / ${count(smallest.messages)} messages: ` +
    `first token ${ratio(l.firstTokenMs, s.firstTokenMs)}, done ${ratio(l.doneMs, s.doneMs)}, ` +
    `bridge heap while answering ${ratio(l.answeringHeapMb, s.answeringHeapMb)}, ` +
    `peak RSS ${ratio(l.peakRssMb, s.peakRssMb)}`
  );
}

function format(results: SizeResult[], options: Options): string {
  const parts = [
    `${options.tasks} tasks per size, one after the other; replies of ${options.tokens} tokens ${options.tokenMs} ms apart`,
    ...results.map((r) =>
      "error" in r ? `== ${count(r.messages)} messages: FAILED: ${r.error}` : formatSize(r),
    ),
  ];
  const line = ratioLine(results);
  if (line !== null) parts.push(line);
  return parts.join("\n\n");
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === null) {
    console.log(HELP);
    return 0;
  }
  const results: SizeResult[] = [];
  for (const messages of options.sizes) {
    progress(`${count(messages)} messages:`);
    results.push(await measureSize(messages, options));
  }
  if (options.json) {
    const summaries = results.map((r) => ("error" in r ? r : { ...r, summary: summarise(r) }));
    console.log(
      JSON.stringify({ options, results: summaries, ratio: ratioLine(results) }, null, 2),
    );
  } else {
    console.log(format(results, options));
  }
  return results.some((result) => "error" in result) ? 1 : 0;
}

process.exitCode = await main();
