// The in-page half of the browser search benchmark (scripts/bench/search, BROWSER_BENCH): bundled
// by scripts/bench/search-browser.ts and run in Chromium. Never part of the app.
import { parseSearchQuery } from "@openvibe/schema";
import { forEachInSlices } from "../chunked.ts";
import { dexieIndexStore, forEachSavedSegment, type IndexStore } from "../index-store.ts";
import { planSearch } from "../query-plan.ts";
import { INDEX_FORMAT, type IndexedMessage, SearchIndex } from "../search-index.ts";
import { foldedWords } from "../text.ts";
import { warmUp } from "../warm-up.ts";

export interface BenchQuery {
  text: string;
  /** A channel id for in:#channel, or null. */
  channel: string | null;
}

export interface BuildReport {
  ms: number;
  /** Main-thread tasks over 50 ms while building (0: the page stayed responsive). */
  longTasks: number;
  longestTaskMs: number;
  /** Segments (MiniSearch instances) the index ended up in. */
  segments: number;
}

const LIMIT = 20;
let messages: IndexedMessage[] = [];
let index = SearchIndex.empty();
/** The naive engine: every body folded once, then scanned with includes() per query. */
let folded: string[] = [];
/** Channel ids by the lower-case name used in in:#channel (the ids serve as names here). */
let channelIds = new Map<string, string>();

/** Takes the messages (kept for both engines; the heap is measured after this). */
function load(input: IndexedMessage[]): number {
  messages = input;
  channelIds = new Map(input.map((m) => [m.channelId.toLowerCase(), m.channelId]));
  return messages.length;
}

/** Times `work`, counting the main-thread tasks over 50 ms it causes. */
async function timed(work: () => Promise<unknown>) {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ type: "longtask" });
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return { ms, longTasks: durations.length, longestTaskMs: Math.max(0, ...durations) };
}

async function build(): Promise<BuildReport> {
  // Channel by channel, each in time order, as the indexer catches channels up.
  const byChannel = [...messages].sort((a, b) => a.channelId.localeCompare(b.channelId));
  index = SearchIndex.empty();
  const report = await timed(() => forEachInSlices(byChannel, (message) => index.put(message)));
  return { ...report, segments: index.segmentCount };
}

function buildNaive(): number {
  const started = performance.now();
  folded = messages.map((message) => foldedWords(message.body).join(" "));
  return performance.now() - started;
}

function queryText(query: BenchQuery): string {
  return query.channel === null ? query.text : `${query.text} in:#${query.channel.toLowerCase()}`;
}

function queryIndex(query: BenchQuery): number {
  const plan = planSearch(parseSearchQuery(queryText(query)), {
    channelIdByName: (name) => channelIds.get(name),
    personIdByHandle: () => undefined,
  });
  return index.search(plan, LIMIT).length;
}

function queryNaive(query: BenchQuery): number {
  const words = foldedWords(query.text);
  const found: number[] = [];
  for (let i = messages.length - 1; i >= 0 && found.length < LIMIT; i--) {
    if (query.channel !== null && messages[i]?.channelId !== query.channel) continue;
    const body = folded[i] ?? "";
    if (words.every((word) => body.includes(word))) found.push(i);
  }
  return found.length;
}

function timeQuery(engine: "openvibe" | "includes", query: BenchQuery) {
  const started = performance.now();
  const matches = engine === "openvibe" ? queryIndex(query) : queryNaive(query);
  return { ms: performance.now() - started, matches };
}

/**
 * Saves the unsaved segments as the app does; returns the time taken (and of it, turning the
 * segments into their saved form), the longest task and how many segments.
 */
async function save(store: IndexStore) {
  let serializeMs = 0;
  let written = 0;
  const report = await timed(async () => {
    const started = performance.now();
    const segments = await index.unsaved();
    serializeMs = performance.now() - started;
    await store.save({ format: INDEX_FORMAT, builtAt: 0, savedAt: 0, vectors: {}, segments });
    index.markSaved(segments);
    written = segments.changed.length;
  });
  return { ...report, serializeMs, segments: written };
}

let store: IndexStore | null = null;

/** Saves the whole index, then again after one new message (only its segment is written). */
async function persist() {
  store = dexieIndexStore("bench");
  const before = (await navigator.storage.estimate()).usage ?? 0;
  const full = await save(store);
  const storedBytes = ((await navigator.storage.estimate()).usage ?? 0) - before;
  const last = messages.at(-1);
  if (last !== undefined) index.put({ ...last, id: "bench-new", createdAt: last.createdAt + 1 });
  const next = await save(store);
  return {
    saveMs: full.ms,
    saveSerializeMs: full.serializeMs,
    saveLongestTaskMs: full.longestTaskMs,
    resaveMs: next.ms,
    resavedSegments: next.segments,
    storedBytes,
  };
}

/** Reloads the saved index as the indexer does: a segment at a time, the newest first. */
async function reload() {
  const saved = store;
  if (saved === null) throw new Error("reload before persist");
  index = SearchIndex.empty();
  const load = await timed(async () => {
    const described = await saved.load();
    if (described === undefined) throw new Error("nothing saved");
    await forEachSavedSegment(saved, described, (segment) => index.restore(segment));
  });
  saved.close();
  return { loadMs: load.ms, loadLongestTaskMs: load.longestTaskMs };
}

function timeQueries(engine: "openvibe" | "includes", cases: BenchQuery[], runs: number) {
  return Array.from({ length: runs }, (_, i) => {
    const query = cases[i % cases.length];
    return query === undefined ? { ms: 0, matches: 0 } : timeQuery(engine, query);
  });
}

/** What the indexer does once the index is loaded (see warm-up.ts). */
function warm(): number {
  const started = performance.now();
  warmUp(index);
  return performance.now() - started;
}

export const bench = { load, build, buildNaive, timeQueries, persist, reload, warm };
