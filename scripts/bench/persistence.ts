// Persistence benchmark: OpenVibe's append-only SQLite log against
// @hocuspocus/extension-sqlite, each behind a real in-process Hocuspocus.
// Run it through scripts/bench/persistence (see --help there or below).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listThreads, postMessage } from "@openvibe/schema";
import { SNAPSHOT_SHARE } from "@openvibe/sync-server";
import * as Y from "yjs";
import {
  BENCH_ACTOR,
  buildChannel,
  type ChannelFixture,
  createBenchEnv,
  randomBody,
  seededRandom,
} from "./channel-fixture.ts";
import { parseBenchArgs, positiveInteger, progress, sizesOption } from "./lib/cli.ts";
import {
  DOCUMENT_NAME,
  extensionSqliteStore,
  HOCUSPOCUS_DEFAULT_DEBOUNCE_MS,
  type OpenStore,
  openVibeLogStore,
  type StoreSetup,
} from "./persistence-stores.ts";

const HELP = `Usage: scripts/bench/persistence [options]

Measures how OpenVibe's document store (sync-server: Persistence extension over
SqliteDocumentStore, an append-only log with compaction in a worker thread)
compares with @hocuspocus/extension-sqlite (whole state rewritten per store)
on one channel document ("${DOCUMENT_NAME}"), inside a real Hocuspocus instance.

For each channel size and store, in a fresh temporary directory:
  1. build a channel of N messages (threads of 40-60 messages, 40-200 character
     bodies, deterministic seed) with @openvibe/schema and store it;
  2. load it in Hocuspocus and append messages one by one with postMessage,
     measuring bytes written per message (the process's write() bytes from
     /proc/self/io "wchar", compaction worker included) and the time until
     each message is on disk (p50/p99, the postMessage call itself excluded);
  3. load the channel into a fresh Hocuspocus instance (median of runs) and
     report the size of the data directory.

Options:
  --sizes LIST         channel sizes in messages, comma separated (default 1000,10000,100000)
  --appends N          messages appended per measurement (default 200)
  --load-runs N        loads per measurement, the median is reported (default 3)
  --budget-seconds S   time budget of one append phase of extension-sqlite with
                       debounce 0; its appends stop there (at least 10) (default 20)
  --synchronous MODE   OpenVibe store's SQLite synchronous mode, full|normal (default full,
                       the server's default)
  --compact-after N    OpenVibe store's compaction threshold in updates (default 1000,
                       the server's default)
  --seed N             seed of the generated content (default 42)
  --json               print the results as JSON instead of a table
  -h, --help           show this help

Progress goes to stderr, results to stdout.`;

interface Options {
  sizes: number[];
  appends: number;
  loadRuns: number;
  budgetSeconds: number;
  synchronous: "full" | "normal";
  compactAfter: number;
  seed: number;
  json: boolean;
}

function parseOptions(argv: string[]): Options | null {
  const values = parseBenchArgs(argv, {
    appends: { type: "string", default: "200" },
    "load-runs": { type: "string", default: "3" },
    "budget-seconds": { type: "string", default: "20" },
    synchronous: { type: "string", default: "full" },
    "compact-after": { type: "string", default: "1000" },
  });
  if (values === null) return null;
  const synchronous = values.synchronous;
  if (synchronous !== "full" && synchronous !== "normal")
    throw new Error(`--synchronous must be full or normal, got "${synchronous}"`);
  return {
    sizes: sizesOption(values.sizes),
    appends: positiveInteger(values.appends, "--appends"),
    loadRuns: positiveInteger(values["load-runs"], "--load-runs"),
    budgetSeconds: positiveInteger(values["budget-seconds"], "--budget-seconds"),
    synchronous,
    compactAfter: positiveInteger(values["compact-after"], "--compact-after"),
    seed: positiveInteger(values.seed, "--seed"),
    json: values.json,
  };
}

// ---------------------------------------------------------------- measuring

interface IoCounters {
  /** Bytes passed to write()/pwrite() by every thread of this process. */
  wchar: number;
  /** Number of write syscalls. */
  syscw: number;
}

function readIo(): IoCounters {
  const text = readFileSync("/proc/self/io", "utf8");
  const field = (name: string) =>
    Number(new RegExp(`^${name}: (\\d+)$`, "m").exec(text)?.[1] ?? NaN);
  return { wchar: field("wchar"), syscw: field("syscw") };
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir)) total += statSync(join(dir, entry)).size;
  return total;
}

function walBytes(dir: string): number {
  return readdirSync(dir)
    .filter((entry) => entry.endsWith("-wal"))
    .reduce((total, entry) => total + statSync(join(dir, entry)).size, 0);
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Result {
  size: number;
  store: string;
  sqliteSettings: string;
  durability: StoreSetup["durability"];
  stateBytes: number;
  appendsRequested: number;
  appends: number;
  capped: boolean;
  /** write() bytes during the append phase, divided by the appends. */
  bytesPerAppend: number;
  writeSyscallsPerAppend: number;
  /** Growth of the data directory's files during the append phase, per append. */
  fileGrowthPerAppend: number;
  /** bytesPerAppend plus one compaction's bytes spread over the updates between compactions. */
  amortizedBytesPerAppend: number;
  compaction: {
    bytes: number;
    ms: number;
    snapshotBytes: number;
    everyUpdates: number;
    /** Size of the -wal file right after the compaction, before any checkpoint. */
    walBytesAfter: number;
    /** Data directory after compaction and checkpoint, store closed. */
    diskBytesAfter: number;
  } | null;
  /** Time from the append until it is on disk ("deferred" stores: until the update was applied). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The postMessage call itself (excluded from p50/p99). */
  postMessageP50Ms: number;
  /** Average size of the Yjs update one appended message makes. */
  updateBytes: number;
  /** The store's own write calls during the append phase (log: append; others: onStoreDocument). */
  storeCalls: number;
  storeCallP50Ms: number;
  storeCallP99Ms: number;
  storeCallMaxMs: number;
  loadMs: number;
  loadRunsMs: number[];
  /** Data directory after the append phase, store still open (WAL included). */
  diskBytesOpen: number;
  /** Data directory after the store was closed. */
  diskBytes: number;
}

async function prepare(setup: StoreSetup, dir: string, fixture: ChannelFixture): Promise<void> {
  const store = await setup.open(dir);
  const connection = await store.hocuspocus.openDirectConnection(DOCUMENT_NAME);
  await connection.transact((doc) => Y.applyUpdate(doc, fixture.state));
  await connection.disconnect();
  await store.settle();
  // The log store's steady state: a snapshot and a short tail.
  if (store.compact !== undefined) await store.compact();
  await store.close();
}

async function appendPhase(
  setup: StoreSetup,
  dir: string,
  fixture: ChannelFixture,
  options: Options,
): Promise<
  Pick<
    Result,
    | "appends"
    | "capped"
    | "bytesPerAppend"
    | "writeSyscallsPerAppend"
    | "fileGrowthPerAppend"
    | "p50Ms"
    | "p99Ms"
    | "maxMs"
    | "postMessageP50Ms"
    | "updateBytes"
    | "storeCalls"
    | "storeCallP50Ms"
    | "storeCallP99Ms"
    | "storeCallMaxMs"
    | "diskBytesOpen"
    | "diskBytes"
  >
> {
  const store: OpenStore = await setup.open(dir);
  const connection = await store.hocuspocus.openDirectConnection(DOCUMENT_NAME);
  await store.settle();
  const env = createBenchEnv(options.seed + 1, fixture.endMs);
  const random = seededRandom(options.seed + 2);
  const bodies = Array.from({ length: options.appends }, () => randomBody(random));
  const latencies: number[] = [];
  const postMessageTimes: number[] = [];
  const budgetMs = options.budgetSeconds * 1000;

  store.checkpoint?.();
  const filesBefore = directoryBytes(dir);
  const storeCallsBefore = store.storeCallsMs.length;
  let updateBytes = 0;
  connection.document?.on("update", (update: Uint8Array) => {
    updateBytes += update.byteLength;
  });
  const ioBefore = readIo();
  const started = performance.now();
  for (const body of bodies) {
    env.tick();
    const storesBeforeAppend = store.tracker.stores;
    let postMessageMs = 0;
    const t0 = performance.now();
    await connection.transact((doc) => {
      const p0 = performance.now();
      postMessage(doc, BENCH_ACTOR, { threadId: fixture.lastThreadId, body }, env);
      postMessageMs = performance.now() - p0;
    });
    if (setup.durability === "per-store") await store.tracker.waitForStores(storesBeforeAppend + 1);
    if (setup.durability === "group-commit") await store.durable?.();
    latencies.push(performance.now() - t0 - postMessageMs);
    postMessageTimes.push(postMessageMs);
    // Let timers (debounced stores) and I/O callbacks run between two messages, as a server would.
    await nextTurn();
    if (setup.capped && latencies.length >= 10 && performance.now() - started > budgetMs) break;
  }
  // Debounced stores still pending belong to these appends: run them and wait.
  await store.settle();
  const diskBytesOpen = directoryBytes(dir);
  store.checkpoint?.();
  const ioAfter = readIo();
  const appends = latencies.length;
  const storeCalls = store.storeCallsMs.slice(storeCallsBefore);
  // Closing drops the document without the extra full store a disconnect would trigger.
  await store.close();
  return {
    appends,
    capped: appends < options.appends,
    bytesPerAppend: (ioAfter.wchar - ioBefore.wchar) / appends,
    writeSyscallsPerAppend: (ioAfter.syscw - ioBefore.syscw) / appends,
    fileGrowthPerAppend: (diskBytesOpen - filesBefore) / appends,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: Math.max(...latencies),
    postMessageP50Ms: quantile(postMessageTimes, 0.5),
    updateBytes: updateBytes / appends,
    storeCalls: storeCalls.length,
    storeCallP50Ms: quantile(storeCalls, 0.5),
    storeCallP99Ms: quantile(storeCalls, 0.99),
    storeCallMaxMs: storeCalls.length === 0 ? 0 : Math.max(...storeCalls),
    diskBytesOpen,
    diskBytes: directoryBytes(dir),
  };
}

async function loadPhase(
  setup: StoreSetup,
  dir: string,
  expectedMessages: number,
  runs: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const store = await setup.open(dir);
    const t0 = performance.now();
    const connection = await store.hocuspocus.openDirectConnection(DOCUMENT_NAME);
    times.push(performance.now() - t0);
    // Check the first load through the schema's read model (outside the timing).
    if (run === 0) {
      const document = connection.document;
      const found =
        document === null ? 0 : listThreads(document).reduce((n, t) => n + t.messageCount, 0);
      if (found !== expectedMessages) {
        await store.close();
        throw new Error(`${setup.label} loaded ${found} messages, expected ${expectedMessages}`);
      }
    }
    await store.close();
  }
  return times;
}

async function compactionPhase(setup: StoreSetup, dir: string): Promise<Result["compaction"]> {
  if (setup.compactAfterUpdates === undefined) return null;
  const store = await setup.open(dir);
  if (store.compact === undefined) {
    await store.close();
    return null;
  }
  store.checkpoint?.();
  const ioBefore = readIo();
  const t0 = performance.now();
  const result = await store.compact();
  const ms = performance.now() - t0;
  const walBytesAfter = walBytes(dir);
  store.checkpoint?.();
  const ioAfter = readIo();
  await store.close();
  return {
    bytes: ioAfter.wchar - ioBefore.wchar,
    ms,
    snapshotBytes: result.snapshotBytes,
    everyUpdates: setup.compactAfterUpdates,
    walBytesAfter,
    diskBytesAfter: directoryBytes(dir),
  };
}

/** How many appends of this size the compaction policy lets pass between two compactions. */
function updatesBetweenCompactions(
  compaction: NonNullable<Result["compaction"]>,
  updateBytes: number,
): number {
  return Math.max(
    compaction.everyUpdates,
    Math.ceil((compaction.snapshotBytes * SNAPSHOT_SHARE) / Math.max(1, updateBytes)),
  );
}

async function measure(
  setup: StoreSetup,
  fixture: ChannelFixture,
  options: Options,
  root: string,
): Promise<Result> {
  const dir = mkdtempSync(join(root, `${setup.label.replaceAll(/[^a-z0-9]+/gi, "-")}-`));
  const tag = `[${fixture.messages.toLocaleString("en-US")}] ${setup.label}:`;
  progress(`${tag} storing the channel`);
  await prepare(setup, dir, fixture);
  progress(`${tag} appending ${options.appends} messages`);
  const appended = await appendPhase(setup, dir, fixture, options);
  progress(`${tag} loading (${options.loadRuns} runs)`);
  const loadRunsMs = await loadPhase(
    setup,
    dir,
    fixture.messages + appended.appends,
    options.loadRuns,
  );
  if (setup.compactAfterUpdates !== undefined) progress(`${tag} compacting`);
  const compaction = await compactionPhase(setup, dir);
  rmSync(dir, { recursive: true, force: true });
  return {
    size: fixture.messages,
    store: setup.label,
    sqliteSettings: setup.sqliteSettings,
    durability: setup.durability,
    stateBytes: fixture.state.byteLength,
    appendsRequested: options.appends,
    ...appended,
    amortizedBytesPerAppend:
      appended.bytesPerAppend +
      (compaction === null
        ? 0
        : compaction.bytes / updatesBetweenCompactions(compaction, appended.updateBytes)),
    compaction,
    loadMs: quantile(loadRunsMs, 0.5),
    loadRunsMs,
  };
}

// ---------------------------------------------------------------- reporting

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const mb = (n: number) => (n / 1_000_000).toFixed(2);

function table(results: readonly Result[]): string {
  const header = [
    "size",
    "store",
    "appends",
    "bytes/append",
    "amortized",
    "p50 ms",
    "p99 ms",
    "load ms",
    "disk MB",
  ];
  const rows = results.map((r) => [
    int(r.size),
    r.store,
    `${r.appends}${r.capped ? "*" : ""}`,
    int(r.bytesPerAppend),
    int(r.amortizedBytesPerAppend),
    ms(r.p50Ms),
    ms(r.p99Ms),
    ms(r.loadMs),
    mb(r.diskBytes),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("   ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function notes(results: readonly Result[], options: Options): string {
  const lines = [
    "",
    "bytes/append: bytes this process passed to write() (/proc/self/io wchar, all threads) during",
    "  the append phase, divided by the appends; pending debounced stores were run and awaited first,",
    "  and WAL stores were checkpointed before and after (so WAL-to-database copies count too).",
    "amortized: bytes/append plus one compaction's bytes spread over the appends between two compactions (compaction-policy.ts)",
    `  (${options.compactAfter} updates); compaction was measured separately (it did not run during the appends).`,
    "p50/p99: from postMessage until the message is on disk (openvibe-log: its group commit, the",
    "  batch's transaction in the append worker; debounce0: the store it triggered finished; extension-sqlite with the",
    "  default 2 s debounce: only until applied, its store runs later), minus the postMessage call.",
    "extension-sqlite (default debounce 2 s, max 10 s) coalesces the appends made back to back here;",
    "  messages more than 2 s apart would each trigger a full-state store, as with debounce0.",
    "load ms: a fresh Hocuspocus instance's openDirectConnection until the document is loaded (median).",
    "disk MB: files in the data directory after the append phase, store closed.",
  ];
  if (results.some((r) => r.capped))
    lines.push(
      `*: cut short by --budget-seconds ${options.budgetSeconds} (every append rewrites the whole state).`,
    );
  lines.push("");
  for (const r of results) {
    const calls = `p50 ${ms(r.storeCallP50Ms)} / p99 ${ms(r.storeCallP99Ms)} / max ${ms(r.storeCallMaxMs)} ms`;
    const common =
      `updates ${int(r.updateBytes)} B each (write amplification ${int(r.bytesPerAppend / r.updateBytes)}x);` +
      ` postMessage itself p50 ${ms(r.postMessageP50Ms)} ms`;
    lines.push(`${int(r.size)} ${r.store} (${r.sqliteSettings}):`);
    if (r.compaction !== null) {
      const c = r.compaction;
      lines.push(
        `    ${r.storeCalls} store appends, ${calls}, ${r.writeSyscallsPerAppend.toFixed(1)} write syscalls/append; ${common}.`,
        `    one compaction (worker thread): ${ms(c.ms)} ms, wrote ${mb(c.bytes)} MB for a ${mb(c.snapshotBytes)} MB` +
          ` snapshot, left a ${mb(c.walBytesAfter)} MB -wal file; disk ${mb(r.diskBytesOpen)} MB with the store open` +
          ` after the appends, ${mb(c.diskBytesAfter)} MB after compaction.`,
      );
    } else {
      lines.push(
        `    ${r.storeCalls} full-state stores (${mb(r.stateBytes)} MB) for ${r.appends} appends, ${calls}` +
          ` (the event loop is blocked while one runs); ${common}.`,
      );
    }
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  let options: Options | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === null) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const root = mkdtempSync(join(tmpdir(), "openvibe-bench-persistence-"));
  const cleanUp = () => rmSync(root, { recursive: true, force: true });
  process.on("exit", cleanUp);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }

  const setups: StoreSetup[] = [
    openVibeLogStore(options.synchronous, options.compactAfter),
    extensionSqliteStore(HOCUSPOCUS_DEFAULT_DEBOUNCE_MS),
    extensionSqliteStore(0),
  ];
  const results: Result[] = [];
  const started = performance.now();
  for (const size of options.sizes) {
    const label = `[${size.toLocaleString("en-US")}]`;
    progress(`${label} building the channel`);
    const fixture = buildChannel(size, options.seed, (done) =>
      progress(`${label}   ${done.toLocaleString("en-US")} messages`),
    );
    progress(`${label} ${fixture.threads} threads, state ${mb(fixture.state.byteLength)} MB`);
    for (const setup of setups) results.push(await measure(setup, fixture, options, root));
  }
  progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ options, documentName: DOCUMENT_NAME, results }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${table(results)}\n${notes(results, options)}\n`);
  }
}

await main();
