// The client benchmark's results and their table.
import type { BrowserResult } from "./client-browser.ts";
import { THREADS_KEPT_PER_CHANNEL, WARM_SETTLE_MS } from "./client-browser-many.ts";
import type { ManySizeResult } from "./client-many.ts";
import type { SeededChannel } from "./client-seed.ts";

export interface ProviderResult {
  /** First provider: the server loads the channel from SQLite, then sends it. */
  serverLoadsMs: number;
  /** Second provider while the first holds the channel: the server only sends it. */
  loadedMs: number;
}

export type SizeResult =
  | {
      messages: number;
      channel: SeededChannel;
      seedMs: number;
      provider: ProviderResult;
      browser: BrowserResult;
      /** The machine's 1-minute load average before and after this size (2 cores here). */
      loadAverage: [number, number];
    }
  | { messages: number; error: string };

const count = (n: number) => n.toLocaleString("en");
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const ms = (value: number) => Math.round(value).toLocaleString("en");

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

function row(messages: string, path: string, open: string, heap = "", idb = ""): string {
  return `${messages.padStart(8)}  ${path.padEnd(40)}${open.padStart(22)}${heap.padStart(9)}${idb.padStart(17)}`;
}

function sizeRows(result: SizeResult): string[] {
  const label = count(result.messages);
  if ("error" in result) return [row(label, `failed: ${result.error}`, "")];
  const { browser: b, provider: p, channel: c } = result;
  const warm = `p50 ${ms(percentile(b.warmMs, 50))} (${ms(Math.min(...b.warmMs))}-${ms(Math.max(...b.warmMs))})`;
  return [
    row(
      label,
      "browser, cold (from the server)",
      ms(b.coldMs),
      mb(b.coldHeapBytes),
      mb(b.indexedDbAfterColdBytes),
    ),
    row(
      label,
      `browser, warm (IndexedDB), ${b.warmMs.length} reloads`,
      warm,
      mb(b.warmHeapBytes),
      mb(b.indexedDbAfterReloadsBytes),
    ),
    row(
      label,
      "browser, warm, network cut",
      b.warmOfflineMs === null ? "no service worker" : ms(b.warmOfflineMs),
    ),
    row(label, "node provider (no UI), server loads doc", ms(p.serverLoadsMs)),
    row(label, "node provider (no UI), doc loaded", ms(p.loadedMs)),
    `${"".padStart(8)}  (${count(c.threads)} threads, Yjs state ${mb(c.stateBytes)} MB, built in ${ms(c.buildMs)} ms, stored in ${ms(result.seedMs - c.buildMs)} ms;`,
    `${"".padStart(11)}load average ${result.loadAverage.map((l) => l.toFixed(1)).join(" -> ")})`,
  ];
}

/** The page's marks in the warm reloads (boot-marks.ts, and any of an instrumented build), by median time. */
function markRows(result: SizeResult): string[] {
  if ("error" in result) return [];
  const marks = Object.entries(result.browser.warmMarks).map(([name, times]) => ({
    name,
    median: percentile(times, 50),
    seen: times.length,
  }));
  if (marks.length === 0) return [];
  marks.sort((a, b) => a.median - b.median);
  return [
    `${count(result.messages)} messages, the page's marks in the warm reloads (median ms; reloads that set it):`,
    ...marks.map(({ name, median, seen }) => `${ms(median).padStart(10)}  ${name} (${seen})`),
  ];
}

export function formatTable(results: readonly SizeResult[]): string {
  const header = row("messages", "open path", "newest on screen, ms", "heap MB", "IndexedDB MB");
  const lines = [header, "-".repeat(header.length)];
  for (const result of results) lines.push(...sizeRows(result));
  lines.push(
    "",
    "heap: JS heap used after garbage collection, once the page shows all synced.",
    "IndexedDB MB: navigator.storage.estimate().usageDetails.indexedDB (the origin's LevelDB files);",
    "the warm row is after the reloads. A load average above the core count means other work",
    "shared the machine: times are then inflated.",
    ...results.flatMap((result) => {
      const rows = markRows(result);
      return rows.length === 0 ? [] : ["", ...rows];
    }),
  );
  return lines.join("\n");
}

/** One size of the many-channels run, or why it failed. */
export type ManyRow = ManySizeResult | { messages: number; channels: number; error: string };

function manyRows(result: ManyRow): string[] {
  const label = count(result.messages);
  const n = result.channels;
  if ("error" in result) return [row(label, `${n} channels, failed: ${result.error}`, "")];
  const { browser: b } = result;
  const k = b.keeper;
  const keeper =
    k.finishedMs === null
      ? `NOT finished: held ${count(k.held)} of ${count(k.expected)} threads at the deadline`
      : `finished: ${count(k.held)} threads held ${ms(k.finishedMs)} ms after the navigation`;
  return [
    row(
      label,
      `${n} channels: sign-in, cold`,
      ms(b.coldMs),
      mb(b.coldHeapBytes),
      mb(b.indexedDbBytes),
    ),
    row(label, `${n} channels: sign-in, warm reload`, ms(b.warmMs), mb(b.warmHeapBytes)),
    `${"".padStart(8)}  (offline keeper ${keeper};`,
    `${"".padStart(11)}${count(result.threads)} threads, Yjs state ${mb(result.stateBytes)} MB in all, built and stored in ${ms(result.seedMs)} ms;`,
    `${"".padStart(11)}load average ${result.loadAverage.map((l) => l.toFixed(1)).join(" -> ")})`,
  ];
}

export function formatManyTable(results: readonly ManyRow[]): string {
  const header = row(
    "messages",
    "per channel, sign-in path",
    "1st channel listed, ms",
    "heap MB",
    "IndexedDB MB",
  );
  const lines = [header, "-".repeat(header.length)];
  for (const result of results) lines.push(...manyRows(result));
  lines.push(
    "",
    "1st channel listed: from the start of the navigation to the app's root (signed in by cookie)",
    "until the default channel's newest thread is listed inside the viewport.",
    "heap, cold: JS heap used after garbage collection once the offline keeper finished fetching",
    `each channel's ${THREADS_KEPT_PER_CHANNEL} most recent threads (every channel document synced first), or its deadline passed;`,
    `warm: ${WARM_SETTLE_MS / 1000} s after the warm open. IndexedDB MB: after the cold sign-in's work.`,
  );
  return lines.join("\n");
}
