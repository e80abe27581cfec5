// Local store benchmark: the client's LocalDocumentStore against y-indexeddb, in Chromium.
// Run it through scripts/bench/local-store (see --help there or below).
import { buildChannel } from "./channel-fixture.ts";
import { parseBenchArgs, positiveInteger, progress, sizesOption } from "./lib/cli.ts";
import { type BenchPage, type Edit, openBenchPage, type StoreKind } from "./local-store-page.ts";
import { percentile } from "./search-corpus.ts";

const HELP = `Usage: scripts/bench/local-store [options]

Measures how the client's channel store (client/src/sync/local-store: an
IndexedDB log of updates with compaction) compares with y-indexeddb, in real
Chromium (/usr/bin/chromium), on channels built with @openvibe/schema
(threads of 40-60 messages, 40-200 character bodies, deterministic seed).

For each channel size and store, in a fresh IndexedDB database:
  1. store the channel as a first sync does (one update into an empty copy);
  2. "reload" it R times: a fresh Y.Doc and store, timed until loaded (the
     channel is checked complete), then one posted message, stored, closed;
  3. count the rows and bytes of stored updates (read back from IndexedDB
     and summed, not navigator.storage.estimate(), whose usage includes
     LevelDB's not yet compacted files);
  4. post W messages one at a time: time from the post until its IndexedDB
     transaction committed (the postMessage call itself excluded), then
     count rows and bytes again and time one more load.

Options:
  --sizes LIST    channel sizes in messages, comma separated (default 1000,10000,100000)
  --reloads R     reloads per store (default 20)
  --writes W      single-message writes timed per store (default 500)
  --seed N        seed of the generated content (default 42)
  --json          print the results as JSON instead of a table
  -h, --help      show this help

Progress goes to stderr, results to stdout.`;

const STORES: StoreKind[] = ["openvibe", "y-indexeddb"];

interface Options {
  sizes: number[];
  reloads: number;
  writes: number;
  seed: number;
  json: boolean;
}

function parseOptions(argv: string[]): Options | null {
  const values = parseBenchArgs(argv, {
    reloads: { type: "string", default: "20" },
    writes: { type: "string", default: "500" },
  });
  if (values === null) return null;
  return {
    sizes: sizesOption(values.sizes),
    reloads: positiveInteger(values.reloads, "--reloads"),
    writes: positiveInteger(values.writes, "--writes"),
    seed: positiveInteger(values.seed, "--seed"),
    json: values.json,
  };
}

interface Result {
  messages: number;
  store: StoreKind;
  stateBytes: number;
  medianLoadMs: number;
  maxLoadMs: number;
  seededBytes: number;
  rowsAfterReloads: number;
  bytesAfterReloads: number;
  writeP50Ms: number;
  writeP99Ms: number;
  rowsAfterWrites: number;
  bytesAfterWrites: number;
  loadAfterWritesMs: number;
}

async function measure(
  page: BenchPage,
  options: Options,
  messages: number,
  store: StoreKind,
  edit: Edit,
  name: string,
): Promise<Result> {
  const stateBytes = await page.call("fetchFixture", `/fixture/${messages}`);
  await page.call("seed", store, name);
  const seededBytes = (await page.call("stored", name)).bytes;
  const loads: number[] = [];
  for (let i = 0; i < options.reloads; i++) {
    loads.push(await page.call("reload", store, name, edit, `r${i}`));
  }
  const after = await page.call("stored", name);
  const writes = (await page.call("writeLatencies", store, name, edit, options.writes)).sort(
    (a, b) => a - b,
  );
  const afterWrites = await page.call("stored", name);
  const loadAfterWritesMs = await page.call("reload", store, name, edit, "last");
  return {
    messages,
    store,
    stateBytes,
    medianLoadMs: percentile(
      [...loads].sort((a, b) => a - b),
      50,
    ),
    maxLoadMs: Math.max(...loads),
    seededBytes,
    rowsAfterReloads: after.rows,
    bytesAfterReloads: after.bytes,
    writeP50Ms: percentile(writes, 50),
    writeP99Ms: percentile(writes, 99),
    rowsAfterWrites: afterWrites.rows,
    bytesAfterWrites: afterWrites.bytes,
    loadAfterWritesMs,
  };
}

const MB = (bytes: number) => (bytes / 1e6).toFixed(2);
const KB = (bytes: number) => (bytes / 1e3).toFixed(1);
const ms = (value: number) => value.toFixed(1);

function table(results: Result[], options: Options): string {
  const header = [
    "messages",
    "store",
    "state MB",
    `load ms: median, max of ${options.reloads}`,
    `after ${options.reloads} reloads: MB (growth KB), rows`,
    "write ms: p50, p99",
    `after ${options.writes} writes: MB, rows, load ms`,
  ];
  const rows = results.map((r) => [
    r.messages.toLocaleString("en"),
    r.store,
    MB(r.stateBytes),
    `${ms(r.medianLoadMs)}, ${ms(r.maxLoadMs)}`,
    `${MB(r.bytesAfterReloads)} (+${KB(r.bytesAfterReloads - r.seededBytes)}), ${r.rowsAfterReloads}`,
    `${ms(r.writeP50Ms)}, ${ms(r.writeP99Ms)}`,
    `${MB(r.bytesAfterWrites)}, ${r.rowsAfterWrites}, ${ms(r.loadAfterWritesMs)}`,
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === null) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const fixtures = new Map<string, Uint8Array>();
  const edits = new Map<number, Edit>();
  for (const messages of options.sizes) {
    progress(`building a channel of ${messages.toLocaleString("en")} messages…`);
    const fixture = buildChannel(messages, options.seed, (done) => progress(`  ${done} messages`));
    fixtures.set(String(messages), fixture.state);
    edits.set(messages, { threadId: fixture.lastThreadId, nowMs: fixture.endMs });
  }
  progress("bundling the bench page and starting Chromium…");
  const page = await openBenchPage(fixtures);
  const results: Result[] = [];
  try {
    for (const [round, messages] of [options.sizes[0], ...options.sizes].entries()) {
      const edit = edits.get(messages ?? 0);
      if (messages === undefined || edit === undefined) throw new Error("no fixture");
      for (const store of STORES) {
        // Round 0 warms up the page's code (JIT) for both stores and is not reported.
        progress(
          `${round === 0 ? "warm-up: " : ""}${store}, ${messages.toLocaleString("en")} messages…`,
        );
        const result = await measure(page, options, messages, store, edit, `${round}:${store}`);
        if (round > 0) results.push(result);
      }
    }
  } finally {
    await page.close();
  }
  process.stdout.write(
    options.json ? `${JSON.stringify(results, null, 2)}\n` : `${table(results, options)}\n`,
  );
}

await main();
