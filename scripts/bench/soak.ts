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
import { LoadGenerator } from "./side-by-side/load.ts";
import { deliveredPercent, type Measured, measureLoad } from "./side-by-side/measure.ts";
import { type Cell, textTable } from "./side-by-side/report.ts";
import { canPin, startServer } from "./side-by-side/servers.ts";
import { prepareWorkspace } from "./side-by-side/workspace.ts";

const HELP = `Usage: scripts/bench/soak [options]

Keeps C raw-protocol clients connected to OpenVibe's server (as shipped, its
own process, on loopback) for M minutes while one writer per channel posts
messages at a steady total rate, and reads the server every window: resident
memory, V8 heap (from its /metrics), event-loop delay p99, the share of
updates delivered to every client, and errors (updates lost, duplicated, out
of order or never acknowledged). It ends with a verdict: no errors, every
update delivered, and memory flat (the mean RSS and heap of the last quarter
of the windows within 10% of the second quarter's). Exits 1 if the verdict fails.
The loaded channels hold every message posted, so some growth is the data
itself: the heap's growth per message posted between the quarters is printed
beside the verdict.

Options:
  --minutes M         how long the load runs (default 10; decimals allowed)
  --clients C         connected receiving clients (default 500)
  --rate R            messages per second, all channels together (default 20)
  --channels N        channels the clients are spread over (default 10)
  --window-seconds S  one table row per S seconds (default: a tenth of the run, at most 30)
  --json              print the rows and verdict as JSON instead of a table
  -h, --help          show this help

Progress goes to stderr, results to stdout. Server on core 1, clients on core 0
(taskset), as in scripts/bench/run.`;

/** Memory counts as flat when the last quarter's mean is within this share of the second's. */
const FLAT_TOLERANCE = 0.1;
/** Accounts the clients sign in as, in turn (each costs a password hash to create). */
const READER_ACCOUNTS = 20;
const DRAIN_MS = 10_000;

interface Options {
  minutes: number;
  clients: number;
  rate: number;
  channels: number;
  windowSeconds: number;
  json: boolean;
}

interface Row {
  minute: number;
  rssMb: number | null;
  heapMb: number | null;
  loopP99Ms: number | null;
  /** Messages posted in this window, all channels together. */
  sent: number;
  delivered: number;
  expected: number;
  errors: number;
  latencyP99Ms: number | null;
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
    windowSeconds:
      windowOption === undefined
        ? Math.min(30, (minutes * 60) / 10)
        : positive(windowOption, "--window-seconds"),
    json: values.json,
  };
}

/** The server's V8 heap in use, from its Prometheus endpoint (open to loopback). */
async function heapUsedMb(httpUrl: string): Promise<number | null> {
  const response = await fetch(`${httpUrl}/metrics`);
  if (!response.ok) return null;
  const line = (await response.text())
    .split("\n")
    .find((l) => l.startsWith("openvibe_nodejs_heap_size_used_bytes "));
  return line === undefined ? null : Number(line.split(" ")[1]) / 1024 / 1024;
}

function errorsOf({ load }: Measured): number {
  return load.expected - load.delivered + load.duplicates + load.gaps + (load.sent - load.acked);
}

const mean = (values: (number | null)[]) => {
  const numbers = values.filter((v): v is number => v !== null);
  return numbers.length === 0 ? null : numbers.reduce((a, b) => a + b, 0) / numbers.length;
};

interface Verdict {
  errors: number;
  delivered: number;
  expected: number;
  rss: { secondQuarterMb: number | null; lastQuarterMb: number | null };
  heap: { secondQuarterMb: number | null; lastQuarterMb: number | null };
  /**
   * Heap growth between the quarters per message posted in between: the loaded channels hold
   * every message, so some growth is the data itself, not a leak.
   */
  heapKbPerMessage: number | null;
  flat: boolean;
  passed: boolean;
}

function verdictOf(rows: Row[]): Verdict {
  const quarter = Math.max(1, Math.floor(rows.length / 4));
  const second = rows.slice(quarter, 2 * quarter);
  const last = rows.slice(rows.length - quarter);
  const compare = (pick: (row: Row) => number | null) => ({
    secondQuarterMb: mean(second.map(pick)),
    lastQuarterMb: mean(last.map(pick)),
  });
  const rss = compare((row) => row.rssMb);
  const heap = compare((row) => row.heapMb);
  const within = ({ secondQuarterMb: before, lastQuarterMb: after }: typeof rss) =>
    before !== null && after !== null && after <= before * (1 + FLAT_TOLERANCE);
  const errors = rows.reduce((sum, row) => sum + row.errors, 0);
  const delivered = rows.reduce((sum, row) => sum + row.delivered, 0);
  const expected = rows.reduce((sum, row) => sum + row.expected, 0);
  const flat = within(rss) && within(heap);
  const postedBetween = rows.slice(quarter, rows.length - quarter).reduce((n, r) => n + r.sent, 0);
  const heapGrowthMb =
    heap.secondQuarterMb === null || heap.lastQuarterMb === null
      ? null
      : heap.lastQuarterMb - heap.secondQuarterMb;
  return {
    errors,
    delivered,
    expected,
    rss,
    heap,
    heapKbPerMessage:
      heapGrowthMb === null || postedBetween === 0 ? null : (heapGrowthMb * 1024) / postedBetween,
    flat,
    passed: errors === 0 && delivered === expected && flat,
  };
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
    const measured = await measureLoad(session, {
      ratePerWriter,
      countPerWriter: Math.max(1, Math.round(ratePerWriter * options.windowSeconds)),
      window: 0,
      drainMs: DRAIN_MS,
    });
    const row: Row = {
      minute: (performance.now() - started) / 60_000,
      rssMb: measured.serverRssMb,
      heapMb: await heapUsedMb(server.httpUrl),
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
    title: `soak: ${options.clients} clients over ${options.channels} channels, ${options.rate} msg/s, ${options.minutes} min`,
    columns: [
      "minute",
      "RSS MB",
      "heap MB",
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
  const mb = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(0)} MB`);
  console.log(textTable(table));
  console.log(
    [
      "",
      `errors: ${verdict.errors}`,
      `delivered: ${verdict.delivered.toLocaleString("en-US")} of ${verdict.expected.toLocaleString("en-US")} updates`,
      `memory (second quarter -> last quarter): RSS ${mb(verdict.rss.secondQuarterMb)} -> ${mb(verdict.rss.lastQuarterMb)}, heap ${mb(verdict.heap.secondQuarterMb)} -> ${mb(verdict.heap.lastQuarterMb)} (${verdict.flat ? "flat" : "growing"}: tolerance ${FLAT_TOLERANCE * 100}%)`,
      `heap growth per message posted in between: ${verdict.heapKbPerMessage === null ? "n/a" : `${verdict.heapKbPerMessage.toFixed(1)} KB`} (the loaded channels hold every message)`,
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
  const dataDir = mkdtempSync(join(tmpdir(), "openvibe-soak-"));
  const server = await startServer("openvibe", dataDir);
  const load = LoadGenerator.start();
  let verdict: Verdict;
  try {
    await load.call("connect", { url: server.url, protocol: server.spec.protocol });
    const rows = await soak({ server, load, dataDir }, options);
    verdict = verdictOf(rows);
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
