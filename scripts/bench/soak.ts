// Soak: many connected clients for a long time at a steady message rate
// against OpenVibe's real server (its own process, pinned to one core), with
// the side-by-side benchmark's raw-protocol clients and server start. Prints a
// table over time and a verdict. Run it through scripts/bench/soak.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { progress } from "./lib/cli.ts";
import type { Session } from "./side-by-side/context.ts";
import { connectionTo } from "./side-by-side/context.ts";
import { LoadGenerator } from "./side-by-side/load.ts";
import { deliveredPercent, type Measured, measureLoad } from "./side-by-side/measure.ts";
import { type Cell, textTable } from "./side-by-side/report.ts";
import { canPin, startServer } from "./side-by-side/servers.ts";
import { prepareWorkspace } from "./side-by-side/workspace.ts";
import { replicaKbPerUpdate } from "./soak-message-cost.ts";
import { memoryLines, type Row, type Verdict, verdictOf } from "./soak-verdict.ts";

const HELP = `Usage: scripts/bench/soak [options]

Keeps C raw-protocol clients connected to OpenVibe's server (as shipped, its
own process, on loopback) for M minutes while one writer per channel posts
messages at a steady total rate, and reads the server every window: resident
memory, V8 heap (from its /metrics), event-loop delay p99, the share of
updates delivered to every client, and errors (updates lost, duplicated, out
of order or never acknowledged). It ends with a verdict: no errors, every
update delivered, and a heap that holds the documents' data and nothing
more. The loaded channels keep what is written, so the heap grows with the
data: its growth between the second and the last quarter (each quarter by its
lowest reading, sampled every second), per update sent in between, must stay
within 50% of what the same update costs a replica's heap (measured first, in
this process). With --edit the writers edit their thread's first message in
place instead of posting, so the documents grow only by the small tombstones
an edit leaves. Exits 1 if the verdict fails.

Options:
  --minutes M         how long the load runs (default 10; decimals allowed)
  --clients C         connected receiving clients (default 500)
  --rate R            messages (or edits) per second, all channels together (default 20)
  --channels N        channels the clients are spread over (default 10)
  --edit              edit messages in place instead of posting new ones
  --window-seconds S  one table row per S seconds (default: a tenth of the run, at most 30)
  --json              print the rows and verdict as JSON instead of a table
  -h, --help          show this help

Progress goes to stderr, results to stdout. Server on core 1, clients on core 0
(taskset), as in scripts/bench/run.`;

/** Accounts the clients sign in as, in turn (each costs a password hash to create). */
const READER_ACCOUNTS = 20;
const DRAIN_MS = 10_000;

interface Options {
  minutes: number;
  clients: number;
  rate: number;
  channels: number;
  edit: boolean;
  windowSeconds: number;
  json: boolean;
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: "string", default: "10" },
      clients: { type: "string", default: "500" },
      rate: { type: "string", default: "20" },
      channels: { type: "string", default: "10" },
      edit: { type: "boolean", default: false },
      "window-seconds": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const minutes = positive(values.minutes, "--minutes");
  const windowOption = values["window-seconds"];
  return {
    minutes,
    clients: Math.round(positive(values.clients, "--clients")),
    rate: positive(values.rate, "--rate"),
    channels: Math.round(positive(values.channels, "--channels")),
    edit: values.edit,
    windowSeconds:
      windowOption === undefined
        ? Math.min(30, (minutes * 60) / 10)
        : positive(windowOption, "--window-seconds"),
    json: values.json,
  };
}

/** How often the heap is read during a window (its lowest reading is the window's). */
const HEAP_SAMPLE_MS = 1_000;

/** The server's V8 heap in use, from its Prometheus endpoint (open to loopback). */
async function heapUsedMb(httpUrl: string): Promise<number | null> {
  const response = await fetch(`${httpUrl}/metrics`);
  if (!response.ok) return null;
  const line = (await response.text())
    .split("\n")
    .find((l) => l.startsWith("openvibe_nodejs_heap_size_used_bytes "));
  return line === undefined ? null : Number(line.split(" ")[1]) / 1024 / 1024;
}

/** Reads `read` every `everyMs` until stopped; resolves with the lowest reading. */
function sampleEvery(everyMs: number, read: () => Promise<number | null>) {
  let lowest: number | null = null;
  let reading = Promise.resolve();
  const take = () => {
    reading = read().then(
      (value) => {
        if (value !== null && (lowest === null || value < lowest)) lowest = value;
      },
      // A reading that fails (the server busy past the fetch) is one sample fewer, not an error.
      () => {},
    );
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    async stop(): Promise<number | null> {
      clearInterval(timer);
      take();
      await reading;
      return lowest;
    },
  };
}

function errorsOf({ load }: Measured): number {
  return load.expected - load.delivered + load.duplicates + load.gaps + (load.sent - load.acked);
}

async function soak(session: Session, options: Options): Promise<Row[]> {
  const { server, load } = session;
  progress(`setting up ${options.channels} channels and ${READER_ACCOUNTS} reader accounts`);
  const workspace = await prepareWorkspace(server, options.channels, READER_ACCOUNTS);
  await load.call("writers", {
    documents: workspace.documents,
    token: workspace.writer.token,
    authorId: workspace.writer.userId,
    seed: 7,
    editInPlace: options.edit,
  });
  const perChannel = Math.ceil(options.clients / options.channels);
  progress(`connecting ${perChannel * options.channels} clients`);
  await load.call("receivers", {
    documents: workspace.documents.map((d) => d.name),
    perDocument: perChannel,
    tokens: workspace.readerTokens,
  });
  const ratePerWriter = options.rate / options.channels;
  const windows = Math.max(4, Math.round((options.minutes * 60) / options.windowSeconds));
  const rows: Row[] = [];
  const started = performance.now();
  for (let w = 0; w < windows; w++) {
    const heapSamples = sampleEvery(HEAP_SAMPLE_MS, () => heapUsedMb(server.httpUrl));
    const measured = await measureLoad(session, {
      ratePerWriter,
      countPerWriter: Math.max(1, Math.round(ratePerWriter * options.windowSeconds)),
      window: 0,
      drainMs: DRAIN_MS,
    });
    const heapMb = await heapSamples.stop();
    const row: Row = {
      minute: (performance.now() - started) / 60_000,
      rssMb: measured.serverRssMb,
      heapMb,
      loopP99Ms: measured.loop?.p99Ms ?? null,
      sent: measured.load.sent,
      delivered: measured.load.delivered,
      expected: measured.load.expected,
      errors: errorsOf(measured),
      latencyP99Ms: measured.load.p99Ms,
    };
    rows.push(row);
    progress(
      `window ${w + 1}/${windows}: ${deliveredPercent(measured.load)}% delivered, RSS ${row.rssMb?.toFixed(0)} MB, ${row.errors} errors`,
    );
  }
  return rows;
}

function printTable(rows: Row[], verdict: Verdict, options: Options): void {
  const fixed = (value: number | null, digits = 0): Cell =>
    value === null ? null : value.toFixed(digits);
  const table = {
    title: `soak: ${options.clients} clients over ${options.channels} channels, ${options.rate} ${options.edit ? "edits" : "msg"}/s, ${options.minutes} min`,
    columns: [
      "minute",
      "RSS MB",
      "heap min MB",
      "loop p99 ms",
      "delivered %",
      "errors",
      "latency p99 ms",
    ],
    rows: rows.map((row) => [
      fixed(row.minute, 1),
      fixed(row.rssMb),
      fixed(row.heapMb),
      fixed(row.loopP99Ms, 1),
      row.expected === 0 ? "n/a" : ((row.delivered / row.expected) * 100).toFixed(1),
      row.errors,
      fixed(row.latencyP99Ms, 1),
    ]),
  };
  console.log(textTable(table));
  console.log(
    [
      "",
      `errors: ${verdict.errors}`,
      `delivered: ${verdict.delivered.toLocaleString("en-US")} of ${verdict.expected.toLocaleString("en-US")} updates`,
      ...memoryLines(verdict, options.edit ? "edit" : "message posted"),
      `verdict: ${verdict.passed ? "PASS" : "FAIL"}`,
    ].join("\n"),
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === null) {
    console.log(HELP);
    return;
  }
  if (!canPin()) progress("taskset or a second core is missing: running unpinned");
  const replicaKb = replicaKbPerUpdate(options.edit);
  const dataDir = mkdtempSync(join(tmpdir(), "openvibe-soak-"));
  const server = await startServer("openvibe", dataDir);
  const load = LoadGenerator.start();
  let verdict: Verdict;
  try {
    await load.call("connect", connectionTo(server));
    const rows = await soak({ server, load, dataDir }, options);
    verdict = verdictOf(rows, replicaKb);
    if (options.json) console.log(JSON.stringify({ options, rows, verdict }, null, 2));
    else printTable(rows, verdict, options);
  } finally {
    await load.stop();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!verdict.passed) process.exitCode = 1;
}

await main();
