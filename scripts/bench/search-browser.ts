// Browser half of the search benchmark (BROWSER_BENCH in search.ts): bundles the client's index
// with a benchmark page (client/src/search/bench/page.ts), serves it on localhost (IndexedDB
// needs an origin) and runs it in Chromium on the same generated messages as the server half.

import { createServer } from "node:http";
import { type CDPSession, chromium, type Page } from "playwright-core";
import { bundleBenchPage } from "./lib/bundle-page.ts";
import { CLASSES, createCorpus, percentile } from "./search-corpus.ts";

const ENGINES = ["openvibe", "includes"] as const;

// The page's shapes (client/src/search/bench/page.ts), restated: that code is typed for the DOM.
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

interface BenchQuery {
  text: string;
  channel: string | null;
}

interface BuildReport {
  ms: number;
  longTasks: number;
  longestTaskMs: number;
  segments: number;
}

interface StoredReport {
  saveMs: number;
  /** Of saveMs, turning the segments into their saved form. */
  saveSerializeMs: number;
  saveLongestTaskMs: number;
  resaveMs: number;
  resavedSegments: number;
  storedBytes: number;
  jsonBytes: number;
}

interface ReloadReport {
  loadMs: number;
  loadLongestTaskMs: number;
}

interface PageBench {
  load(messages: BenchMessage[]): number;
  build(): Promise<BuildReport>;
  buildNaive(): number;
  timeQueries(
    engine: (typeof ENGINES)[number],
    cases: BenchQuery[],
    runs: number,
  ): { ms: number; matches: number }[];
  persist(): Promise<StoredReport>;
  reload(): Promise<ReloadReport>;
  warm(): number;
}

type PageMethod = keyof PageBench;
type Methods = Record<string, (...args: unknown[]) => unknown>;

/** Calls a method of the page's bench with JSON arguments and returns its (awaited) result. */
function callInPage<M extends PageMethod>(
  page: Page,
  method: M,
  ...args: Parameters<PageBench[M]>
): Promise<Awaited<ReturnType<PageBench[M]>>> {
  const result = page.evaluate(
    ([name, values]) => {
      const scope = globalThis as unknown as { openvibeSearchBench?: { bench: Methods } };
      const call = scope.openvibeSearchBench?.bench[name];
      if (call === undefined) throw new Error(`the bench page has no ${name}`);
      return call(...values);
    },
    [method, args as unknown[]] as const,
  );
  return result as Promise<Awaited<ReturnType<PageBench[M]>>>;
}

interface QueryRow {
  query: string;
  engine: string;
  runs: number;
  /** The class's first query (cold code), left out of p50 and p99. */
  first: number;
  p50: number;
  p99: number;
  medianHits: number;
}

export interface BrowserBenchResult {
  messages: number;
  build: BuildReport;
  indexHeap: number;
  naiveMs: number;
  naiveHeap: number;
  stored: StoredReport;
  reload: ReloadReport;
  /** JS heap of the index reloaded from IndexedDB. */
  reloadHeap: number;
  /** The warm-up search's time; null: not run (--no-warm-up). */
  warmUpMs: number | null;
  queries: QueryRow[];
}

export interface BrowserBenchOptions {
  messages: number;
  runs: number;
  seed: number;
  /** Runs the indexer's warm-up search after the reload, as the app does. */
  warmUp: boolean;
  log: (line: string) => void;
}

function serve(script: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((request, response) => {
    const isScript = request.url === "/bench.js";
    response.writeHead(200, { "content-type": isScript ? "text/javascript" : "text/html" });
    response.end(
      isScript ? script : '<!doctype html><title>bench</title><script src="/bench.js"></script>',
    );
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    });
  });
}

function corpusMessages(count: number, seed: number): BenchMessage[] {
  const messages: BenchMessage[] = [];
  for (const row of createCorpus(seed).rows(count)) {
    const { messageId, channelId, threadId, forkId, authorId, createdMs, pinned, hasFork, body } =
      row;
    messages.push({
      id: messageId,
      channelId,
      threadId,
      forkId,
      authorId,
      createdAt: createdMs,
      pinned,
      hasFork,
      body,
    });
  }
  return messages;
}

async function heapBytes(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

async function timeQueries(page: Page, runs: number): Promise<QueryRow[]> {
  const rows: QueryRow[] = [];
  for (const [label, cases] of Object.entries(CLASSES)) {
    for (const engine of ENGINES) {
      const measured = await callInPage(page, "timeQueries", engine, cases, runs);
      const times = measured
        .slice(1)
        .map((m) => m.ms)
        .sort((a, b) => a - b);
      const matches = measured.map((m) => m.matches).sort((a, b) => a - b);
      rows.push({
        query: label,
        engine,
        runs,
        first: measured[0]?.ms ?? 0,
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        medianHits: percentile(matches, 50),
      });
    }
  }
  return rows;
}

export async function runBrowserBench(
  options: BrowserBenchOptions,
): Promise<BrowserBenchResult & { text: string }> {
  const { messages: count, runs, seed, log } = options;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    log("browser: bundling the client index…");
    const server = await serve(
      await bundleBenchPage("client/src/search/bench/page.ts", "openvibeSearchBench"),
    );
    const page = await browser.newPage();
    await page.goto(server.url);
    const cdp = await page.context().newCDPSession(page);
    log(`browser: ${count.toLocaleString("en")} messages into Chromium…`);
    await callInPage(page, "load", corpusMessages(count, seed));
    const baseHeap = await heapBytes(cdp);
    const build = await callInPage(page, "build");
    const indexHeap = (await heapBytes(cdp)) - baseHeap;
    const stored = await callInPage(page, "persist");
    const reload = await callInPage(page, "reload");
    const reloadHeap = (await heapBytes(cdp)) - baseHeap;
    const naiveMs = await callInPage(page, "buildNaive");
    const naiveHeap = (await heapBytes(cdp)) - baseHeap - reloadHeap;
    const warmUpMs = options.warmUp ? await callInPage(page, "warm") : null;
    log("browser: queries…");
    const queries = await timeQueries(page, runs);
    server.close();
    const result = {
      messages: count,
      build,
      indexHeap,
      naiveMs,
      naiveHeap,
      stored,
      reload,
      reloadHeap,
      warmUpMs,
      queries,
    };
    return { ...result, text: formatBrowser(result) };
  } finally {
    await browser.close();
  }
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function formatBrowser(r: BrowserBenchResult): string {
  const lines = [
    `browser index (Chromium, ${r.messages.toLocaleString("en")} messages):`,
    `  openvibe (MiniSearch, ${r.build.segments} segments): built channel by channel in ` +
      `${(r.build.ms / 1000).toFixed(2)} s in 8 ms slices, ` +
      `${r.build.longTasks} long tasks (longest ${r.build.longestTaskMs.toFixed(0)} ms), heap ${MB(r.indexHeap)}`,
    `  saved to IndexedDB in ${r.stored.saveMs.toFixed(0)} ms (serialized in ` +
      `${r.stored.saveSerializeMs.toFixed(0)} ms, longest task ` +
      `${r.stored.saveLongestTaskMs.toFixed(0)} ms), after one new message in ` +
      `${r.stored.resaveMs.toFixed(0)} ms (${r.stored.resavedSegments} segment), ` +
      `stored ${MB(r.stored.storedBytes)} (as JSON ${MB(r.stored.jsonBytes)})`,
    `  reloaded in ${r.reload.loadMs.toFixed(0)} ms (a segment at a time, longest task ` +
      `${r.reload.loadLongestTaskMs.toFixed(0)} ms), heap ${MB(r.reloadHeap)}`,
    `  includes (naive scan): bodies folded in ${r.naiveMs.toFixed(0)} ms, heap ${MB(r.naiveHeap)}`,
    r.warmUpMs === null
      ? "  no warm-up search before the queries (--no-warm-up)"
      : `  warm-up search after the reload (as the indexer does): ${r.warmUpMs.toFixed(1)} ms`,
    "",
    "first: a class's first query (cold code); p50 and p99 of the other runs",
    "query     engine     runs first ms   p50 ms   p99 ms   hits (median, max 20)",
  ];
  for (const q of r.queries) {
    lines.push(
      `${q.query.padEnd(10)}${q.engine.padEnd(11)}${String(q.runs).padStart(4)}` +
        `${q.first.toFixed(2).padStart(9)}${q.p50.toFixed(2).padStart(9)}${q.p99.toFixed(2).padStart(9)}${String(q.medianHits).padStart(12)}`,
    );
  }
  return lines.join("\n");
}
