// Browser half of the search benchmark (BROWSER_BENCH in search.ts): the same generated messages
// in Chromium, indexed two or three ways in the same run: today's index on the page's main thread
// (the baseline commit's own benchmark page, search-baseline.ts), the index worker
// (client/src/search/bench/worker-page.ts with the real worker), and optionally the index worker
// as of an earlier commit (--worker-before), to measure a change to it side by side. Both are served on localhost
// (IndexedDB needs an origin). Then each query is typed a key at a time, idle and with the CPU
// throttled 4x (the page's main thread through CDP; the worker's thread, which CDP cannot slow,
// through a cgroup CPU quota: lib/thread-throttle.ts): the longest page task the search caused,
// and how long the final query's results took.
import { createServer } from "node:http";
import { type Browser, type CDPSession, chromium, type Page } from "playwright-core";
import { bundleBenchPage } from "./lib/bundle-page.ts";
import { threadThrottleAvailable, throttleThreads } from "./lib/thread-throttle.ts";
import { BASELINE_COMMIT, baselineBenchPage, workerBaseline } from "./search-baseline.ts";
import { CLASSES, createCorpus, percentile, type QueryCase } from "./search-corpus.ts";
import { attachToWorker, workerHeapBytes } from "./search-worker-cdp.ts";

const WORKER_SCRIPT = "/index-worker.js";
const BEFORE_WORKER_SCRIPT = "/index-worker-before.js";
/** Today's main-thread index, the index worker as of --worker-before, and the index worker. */
type Engine = "today" | "before" | "worker";
const THROTTLES = [1, 4] as const;
/** Marks this run's Chromium, so that its processes (and their worker threads) can be found. */
const BROWSER_TAG = `--openvibe-search-bench=${process.pid}`;
/** How Chromium names a dedicated worker's thread (/proc/<pid>/task/<tid>/comm). */
const WORKER_THREAD_NAME = "DedicatedWorker";

// The pages' shapes, restated: their code is typed for the DOM.
interface BenchMessage {
  id: string;
  channelId: string;
  threadId: string;
  forkId: string | null;
  authorId: string;
  createdAt: number;
  pinned: boolean;
  hasFork: boolean;
  body: string;
}

interface BurstReport {
  longestTaskMs: number;
  finalMs: number;
  staleAnswers: number;
}

/** The baseline page (client/src/search/bench/page.ts at BASELINE_COMMIT). */
interface TodayPage {
  load(messages: BenchMessage[]): number;
  build(): Promise<{ ms: number; segments: number }>;
  persist(): Promise<{ storedBytes: number }>;
  reload(): Promise<{ loadMs: number }>;
  warm(): number;
}

interface WorkerPage {
  load(messages: BenchMessage[], workerUrl: string): number;
  open(): Promise<{ ms: number; listed: number; storedBytes: number }>;
  burst(texts: string[], gapMs: number): Promise<BurstReport>;
}

/** Calls a method of a page's bench (exposed as `global`) and returns its (awaited) result. */
function callIn<T extends object, M extends keyof T & string>(
  page: Page,
  global: string,
  method: M,
  ...args: T[M] extends (...a: infer A) => unknown ? A : never
): Promise<T[M] extends (...a: never[]) => infer R ? Awaited<R> : never> {
  return page.evaluate(
    ([scopeName, name, values]) => {
      const scope = globalThis as unknown as Record<
        string,
        { bench: Record<string, (...a: unknown[]) => unknown> } | undefined
      >;
      const call = scope[scopeName]?.bench[name];
      if (call === undefined) throw new Error(`the bench page has no ${name}`);
      return call(...values);
    },
    [global, method, args as unknown[]] as const,
  ) as never;
}

/** Today's search on a keystroke: the whole search, synchronously, in the keystroke's task. */
function todayBurst(page: Page, texts: string[], gapMs: number): Promise<BurstReport> {
  return page.evaluate(
    async ([typed, gap]) => {
      type Run = (engine: string, cases: unknown[], runs: number) => { ms: number }[];
      const scope = globalThis as unknown as {
        openvibeSearchToday: { bench: { timeQueries: Run } };
      };
      const tasks: number[] = [];
      for (const [i, text] of typed.entries()) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, gap));
        const started = performance.now();
        scope.openvibeSearchToday.bench.timeQueries("openvibe", [{ text, channel: null }], 1);
        tasks.push(performance.now() - started);
      }
      return { longestTaskMs: Math.max(...tasks), finalMs: tasks.at(-1) ?? 0, staleAnswers: 0 };
    },
    [texts, gapMs] as const,
  );
}

export interface BurstRow {
  query: string;
  throttle: number;
  engine: Engine;
  bursts: number;
  /** The longest page task over all bursts, and the p99 of each burst's longest. */
  longestTaskMs: number;
  finalP50: number;
  finalP99: number;
  staleAnswers: number;
}

interface EngineSummary {
  buildMs: number;
  buildNote: string;
  heapBytes: number;
  storedBytes: number;
  reloadMs: number;
  reloadHeapBytes: number;
}

export interface BrowserBenchResult {
  messages: number;
  gapMs: number;
  /** Whether 4x slowed the worker's thread too, or only the page's main thread. */
  workerThrottled: boolean;
  /** The commit of the "before" worker, if run. */
  workerBefore: string | null;
  today: EngineSummary | null;
  before: EngineSummary | null;
  worker: EngineSummary;
  bursts: BurstRow[];
}

export interface BrowserBenchOptions {
  messages: number;
  /** Bursts per query class (each class has 20 queries). */
  bursts: number;
  seed: number;
  /** Between keystrokes. */
  gapMs: number;
  /** Also run the index worker as of this commit (null: not). */
  workerBefore: string | null;
  /** Leave out today's main-thread index (a quicker run comparing workers). */
  skipToday: boolean;
  /** Only these query classes (null: all). */
  classes: readonly string[] | null;
  log: (line: string) => void;
}

interface RunOptions extends BrowserBenchOptions {
  /** Whether the worker's thread is slowed too at 4x (lib/thread-throttle.ts). */
  throttleWorker: boolean;
}

function serve(scripts: Record<string, string>): Promise<{ url: string; close: () => void }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const script = scripts[path];
    if (script !== undefined) {
      response.writeHead(200, { "content-type": "text/javascript" });
      response.end(script);
      return;
    }
    const page = `${path.slice(1)}.js`;
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!doctype html><title>bench</title><script src="/${page}"></script>`);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

function corpusMessages(count: number, seed: number): BenchMessage[] {
  return [...createCorpus(seed).rows(count)].map((row) => ({
    id: row.messageId,
    channelId: row.channelId,
    threadId: row.threadId,
    forkId: row.forkId,
    authorId: row.authorId,
    createdAt: row.createdMs,
    pinned: row.pinned,
    hasFork: row.hasFork,
    body: row.body,
  }));
}

async function heapBytes(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

/** What the box holds after each keystroke of a query (as the baseline page wrote filters). */
function keystrokes(query: QueryCase): string[] {
  const text =
    query.channel === null ? query.text : `${query.text} in:#${query.channel.toLowerCase()}`;
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
}

async function typeBursts(
  page: Page,
  engine: Engine,
  throttle: number,
  options: RunOptions,
): Promise<BurstRow[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  const worker =
    engine !== "today" && throttle > 1 && options.throttleWorker
      ? throttleThreads(BROWSER_TAG, WORKER_THREAD_NAME, throttle)
      : null;
  if (worker !== null && worker.threads === 0) throw new Error("found no worker thread to slow");
  try {
    return await typeEveryClass(page, engine, throttle, options);
  } finally {
    worker?.release();
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await cdp.detach();
  }
}

async function typeEveryClass(
  page: Page,
  engine: Engine,
  throttle: number,
  options: RunOptions,
): Promise<BurstRow[]> {
  const rows: BurstRow[] = [];
  for (const [label, cases] of Object.entries(CLASSES)) {
    if (options.classes !== null && !options.classes.includes(label)) continue;
    const reports: BurstReport[] = [];
    for (let i = 0; i < options.bursts; i++) {
      const query = cases[i % cases.length];
      if (query === undefined) continue;
      const texts = keystrokes(query);
      reports.push(
        engine === "today"
          ? await todayBurst(page, texts, options.gapMs)
          : await callIn<WorkerPage, "burst">(
              page,
              "openvibeSearchWorker",
              "burst",
              texts,
              options.gapMs,
            ),
      );
    }
    const finals = reports.map((r) => r.finalMs).sort((a, b) => a - b);
    rows.push({
      query: label,
      throttle,
      engine,
      bursts: reports.length,
      longestTaskMs: Math.max(...reports.map((r) => r.longestTaskMs)),
      finalP50: percentile(finals, 50),
      finalP99: percentile(finals, 99),
      staleAnswers: reports.reduce((sum, r) => sum + r.staleAnswers, 0),
    });
    // The slowest bursts' final queries, to tell one slow query from a slow moment.
    const slowest = reports
      .map((r, i) => ({
        ms: r.finalMs,
        text: keystrokes(cases[i % cases.length] as QueryCase).at(-1),
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((r) => `"${r.text}" ${r.ms.toFixed(0)}`);
    options.log(
      `  ${engine} ${throttle}x ${label}: final p50 ${percentile(finals, 50).toFixed(1)} ms, slowest ${slowest.join(", ")}`,
    );
  }
  return rows;
}

async function runToday(
  browser: Browser,
  url: string,
  messages: BenchMessage[],
  options: RunOptions,
) {
  const page = await browser.newPage();
  await page.goto(`${url}/today`);
  const cdp = await page.context().newCDPSession(page);
  options.log(`browser: today's index (main thread, ${BASELINE_COMMIT})…`);
  await callIn<TodayPage, "load">(page, "openvibeSearchToday", "load", messages);
  const baseHeap = await heapBytes(cdp);
  const build = await callIn<TodayPage, "build">(page, "openvibeSearchToday", "build");
  const heap = (await heapBytes(cdp)) - baseHeap;
  const stored = await callIn<TodayPage, "persist">(page, "openvibeSearchToday", "persist");
  const reload = await callIn<TodayPage, "reload">(page, "openvibeSearchToday", "reload");
  const reloadHeap = (await heapBytes(cdp)) - baseHeap;
  await callIn<TodayPage, "warm">(page, "openvibeSearchToday", "warm");
  const bursts: BurstRow[] = [];
  for (const throttle of THROTTLES)
    bursts.push(...(await typeBursts(page, "today", throttle, options)));
  await page.close();
  const summary: EngineSummary = {
    buildMs: build.ms,
    buildNote: `${build.segments} MiniSearch segments, in 8 ms slices on the page`,
    heapBytes: heap,
    storedBytes: stored.storedBytes,
    reloadMs: reload.loadMs,
    reloadHeapBytes: reloadHeap,
  };
  return { summary, bursts };
}

async function runWorker(
  browser: Browser,
  url: string,
  messages: BenchMessage[],
  engine: "before" | "worker",
  options: RunOptions,
) {
  // A page of its own (newPage: a new context, so IndexedDB of its own too).
  const page = await browser.newPage();
  await page.goto(`${url}/${engine === "worker" ? "worker" : "worker-before"}`);
  const script = engine === "worker" ? WORKER_SCRIPT : BEFORE_WORKER_SCRIPT;
  options.log(
    engine === "worker"
      ? "browser: the index worker…"
      : `browser: the index worker as of ${options.workerBefore}…`,
  );
  await callIn<WorkerPage, "load">(page, "openvibeSearchWorker", "load", messages, script);
  const build = await callIn<WorkerPage, "open">(page, "openvibeSearchWorker", "open");
  const heap = await workerHeapBytes(await attachToWorker(browser, script));
  // A new worker, as after a reload: the index comes from IndexedDB.
  const reload = await callIn<WorkerPage, "open">(page, "openvibeSearchWorker", "open");
  if (reload.listed > 0) throw new Error(`the reloaded worker asked for ${reload.listed} channels`);
  const reloadHeap = await workerHeapBytes(await attachToWorker(browser, script));
  const bursts: BurstRow[] = [];
  for (const throttle of THROTTLES)
    bursts.push(...(await typeBursts(page, engine, throttle, options)));
  await page.close();
  const summary: EngineSummary = {
    buildMs: build.ms,
    buildNote: `${build.listed} channels sent in parts of 1,000, indexed in the worker`,
    heapBytes: heap,
    storedBytes: build.storedBytes,
    reloadMs: reload.ms,
    reloadHeapBytes: reloadHeap,
  };
  return { summary, bursts };
}

export async function runBrowserBench(
  options: BrowserBenchOptions,
): Promise<BrowserBenchResult & { text: string }> {
  const { messages: count, seed, log } = options;
  log("browser: bundling today's index, the worker and its page…");
  const scripts: Record<string, string> = {
    "/worker.js": await bundleBenchPage(
      "client/src/search/bench/worker-page.ts",
      "openvibeSearchWorker",
    ),
    [WORKER_SCRIPT]: await bundleBenchPage(
      "client/src/search/worker/index-worker.ts",
      "openvibeIndexWorker",
    ),
  };
  if (!options.skipToday) {
    scripts["/today.js"] = await bundleBenchPage(baselineBenchPage(), "openvibeSearchToday");
  }
  if (options.workerBefore !== null) {
    const before = workerBaseline(options.workerBefore);
    scripts["/worker-before.js"] = await bundleBenchPage(before.page, "openvibeSearchWorker");
    scripts[BEFORE_WORKER_SCRIPT] = await bundleBenchPage(before.worker, "openvibeIndexWorker");
  }
  const server = await serve(scripts);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", BROWSER_TAG],
  });
  try {
    const run: RunOptions = { ...options, throttleWorker: threadThrottleAvailable() };
    const messages = corpusMessages(count, seed);
    log(`browser: ${count.toLocaleString("en")} messages…`);
    const today = options.skipToday ? null : await runToday(browser, server.url, messages, run);
    const before =
      options.workerBefore === null
        ? null
        : await runWorker(browser, server.url, messages, "before", run);
    const worker = await runWorker(browser, server.url, messages, "worker", run);
    const result: BrowserBenchResult = {
      messages: count,
      gapMs: options.gapMs,
      workerThrottled: run.throttleWorker,
      workerBefore: options.workerBefore,
      today: today?.summary ?? null,
      before: before?.summary ?? null,
      worker: worker.summary,
      bursts: [...(today?.bursts ?? []), ...(before?.bursts ?? []), ...worker.bursts],
    };
    return { ...result, text: formatBrowser(result) };
  } finally {
    await browser.close();
    server.close();
  }
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (value: number) => value.toFixed(1).padStart(8);

function formatBrowser(r: BrowserBenchResult): string {
  const engines = (
    [
      ["today", r.today],
      [`worker@${r.workerBefore}`, r.before],
      ["worker", r.worker],
    ] as const
  ).flatMap(([label, summary]) => (summary === null ? [] : [{ label, summary }]));
  const summary = (label: string, read: (s: EngineSummary) => string) =>
    `  ${label.padEnd(22)}${engines.map((e) => read(e.summary).padEnd(28)).join("")}`.trimEnd();
  const names = engines.map((e) =>
    e.label === "worker" || e.label === "today" ? e.label : "before",
  );
  const columns = names.join("/");
  const lines = [
    `browser index (Chromium, ${r.messages.toLocaleString("en")} messages): ${engines.map((e) => e.label).join(", ")}` +
      (r.today === null ? "" : ` (today: on the page's main thread, ${BASELINE_COMMIT})`),
    `  ${"".padEnd(22)}${names.map((name) => name.padEnd(28)).join("")}`.trimEnd(),
    summary("built in", (s) => `${(s.buildMs / 1000).toFixed(2)} s`),
    ...engines.map((e) => `  ${"".padEnd(22)}${e.label}: ${e.summary.buildNote}`),
    summary("index heap", (s) => MB(s.heapBytes)),
    summary("stored in IndexedDB", (s) => MB(s.storedBytes)),
    summary("reloaded in", (s) => `${s.reloadMs.toFixed(0)} ms`),
    summary("heap after reload", (s) => MB(s.reloadHeapBytes)),
    "  (today's heap is the page's; a worker's is the worker's own, the page holding none of it)",
    "",
    `typing: each query typed a key at a time, ${r.gapMs} ms apart, every prefix searched;`,
    "longest: the longest page task the search caused (today: a keystroke's search; worker: a",
    "keystroke's request or an answer arriving); final: from the last keystroke to its results",
    `query     CPU   bursts   longest ms ${columns}   final p50 ${columns}   final p99 ${columns}`,
  ];
  const engineKeys: Engine[] = [
    ...(r.today === null ? [] : (["today"] as const)),
    ...(r.before === null ? [] : (["before"] as const)),
    "worker",
  ];
  for (const label of Object.keys(CLASSES)) {
    for (const throttle of THROTTLES) {
      const rows = engineKeys.map((engine) =>
        r.bursts.find((b) => b.query === label && b.throttle === throttle && b.engine === engine),
      );
      const first = rows[0];
      if (first === undefined || rows.some((row) => row === undefined)) continue;
      const values = (read: (row: BurstRow) => number) =>
        rows.map((row) => (row === undefined ? "" : ms(read(row)))).join("");
      lines.push(
        `${label.padEnd(10)}${`${throttle}x`.padEnd(6)}${String(first.bursts).padStart(6)}` +
          `   ${values((row) => row.longestTaskMs)}         ` +
          `${values((row) => row.finalP50)}          ${values((row) => row.finalP99)}`,
      );
    }
  }
  const stale = r.bursts.reduce((sum, b) => sum + b.staleAnswers, 0);
  lines.push(
    `answers to an earlier query kept after the final one was typed: ${stale}`,
    ...(r.workerThrottled
      ? [
          "4x: the page's main thread through CDP (Emulation.setCPUThrottlingRate), the worker's",
          "thread through a cgroup CPU quota of a quarter core (CDP refuses to throttle workers).",
        ]
      : [
          "4x: Emulation.setCPUThrottlingRate slows the page's main thread only (CDP refuses it for",
          "workers, and no writable cgroup was found to slow its thread), so the worker's final",
          "times at 4x are at its own full speed: multiply the idle ones by 4 for a 4x slower CPU.",
        ]),
  );
  return lines.join("\n");
}
