// Summarises a trace written by scripts/bench/client --trace: where the page's main thread spent
// the time from the navigation's start until the newest message was on screen (or --until),
// as text. Usage: node scripts/bench/client-trace-summary.ts TRACE.json [--until MS] [--maps DIR]
//   1. the main thread's tasks of 1 ms or more, each with its biggest inner events, and the idle
//      gaps of 2 ms or more between them (what the page waited on);
//   2. every network request (service worker included) with its start and end;
//   3. V8's samples by script and by function (self time), in the same window; with --maps DIR
//      (the traced build, made with source maps: `vite build --sourcemap --outDir DIR` in
//      client/, then scripts/bench/client --client-dir DIR --trace FILE) by original source
//      file and function, and each source file's inclusive time.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

const USAGE = `Usage: node scripts/bench/client-trace-summary.ts TRACE.json [--until MS] [--maps DIR]
Summarises a trace written by scripts/bench/client --trace FILE: the page's main-thread tasks and
idle gaps from the navigation's start until the newest message was on screen, the page's marks,
the network requests, and V8's samples by script and function (a trace made with
--trace-samples; without, the timeline is as an untraced open's).
  --until MS  end the window here instead (ms from the navigation's start)
  --maps DIR  the traced client build, made with source maps (vite build --sourcemap --outDir
              DIR): samples are then shown by original source file and function
  -h, --help  show this help`;
const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    until: { type: "string" },
    maps: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
  allowPositionals: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const path = positionals[0];
if (path === undefined) {
  console.error(USAGE);
  process.exit(2);
}
const raw = JSON.parse(readFileSync(path, "utf8")) as {
  traceEvents: TraceEvent[];
  metadata?: { newestOnScreenMs?: number } | null;
};
const events = raw.traceEvents;

const threadNames = new Map<string, string>();
for (const event of events) {
  if (event.ph === "M" && event.name === "thread_name") {
    threadNames.set(`${event.pid}:${event.tid}`, String(event.args?.name));
  }
}

// The main frame's navigation start: the last one to a URL (the traced reload; Chromium also
// marks one for the empty document it commits first).
const starts = events.filter(
  (e) =>
    e.name === "navigationStart" &&
    e.args?.data?.isLoadingMainFrame === true &&
    e.args.data.documentLoaderURL !== "",
);
const navigation = starts.at(-1);
if (navigation === undefined) throw new Error("no main-frame navigationStart in the trace");
const t0 = navigation.ts;
const mainKey = `${navigation.pid}:${navigation.tid}`;
const ms = (ts: number) => (ts - t0) / 1000;
// A loop, not Math.max(...): a trace of seconds holds more events than a call's arguments may.
const lastTs = events.reduce(
  (last, e) => (e.ts > 0 ? Math.max(last, e.ts + (e.dur ?? 0)) : last),
  0,
);
const untilMs =
  values.until !== undefined
    ? Number(values.until)
    : (raw.metadata?.newestOnScreenMs ?? ms(lastTs));
const fmt = (n: number) => n.toFixed(1).padStart(7);

const inWindow = (e: TraceEvent) => ms(e.ts) >= 0 && ms(e.ts) <= untilMs;
const main = events
  .filter((e) => `${e.pid}:${e.tid}` === mainKey && e.ph === "X" && inWindow(e))
  .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

function label(e: TraceEvent): string {
  const data = e.args?.data ?? {};
  const parts = [e.name];
  if (typeof data.url === "string" && data.url !== "")
    parts.push(data.url.replace(/^.*\/\/[^/]+/, ""));
  if (typeof data.functionName === "string" && data.functionName !== "")
    parts.push(`${data.functionName}()`);
  if (typeof data.type === "string") parts.push(data.type);
  if (typeof data.timerId === "number") parts.push(`timer ${data.timerId}`);
  if (e.args?.fileName !== undefined)
    parts.push(String(e.args.fileName).replace(/^.*\/\/[^/]+/, ""));
  return parts.join(" ");
}

const TASKS = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);
// Chromium nests one task event in the other: keep the outermost.
const tasks: TraceEvent[] = [];
for (const e of main) {
  if (!TASKS.has(e.name) || (e.dur ?? 0) < 1000) continue;
  const outer = tasks.at(-1);
  if (outer !== undefined && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0)) continue;
  tasks.push(e);
}
console.log(
  `Main thread (${threadNames.get(mainKey)}), 0 = navigation start, until ${untilMs.toFixed(1)} ms`,
);
console.log("  start     dur  task and its biggest inner events (ms)");
let busy = 0;
let previousEnd = 0;
for (const task of tasks) {
  const start = ms(task.ts);
  const end = start + (task.dur ?? 0) / 1000;
  if (start - previousEnd >= 2)
    console.log(`${fmt(previousEnd)} ${fmt(start - previousEnd)}  (idle)`);
  previousEnd = Math.max(previousEnd, end);
  busy += (task.dur ?? 0) / 1000;
  const inner = main
    .filter(
      (e) =>
        e !== task &&
        !TASKS.has(e.name) &&
        e.ts >= task.ts &&
        e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0) &&
        (e.dur ?? 0) >= Math.max(500, (task.dur ?? 0) * 0.1),
    )
    .slice(0, 8)
    .map((e) => `${label(e)} ${((e.dur ?? 0) / 1000).toFixed(1)}`);
  console.log(`${fmt(start)} ${fmt((task.dur ?? 0) / 1000)}  ${inner.join(" | ")}`);
}
console.log(`  busy ${busy.toFixed(1)} ms of ${untilMs.toFixed(1)}`);

console.log("\nPage marks (ms from navigation start: performance.mark, paints, document events)");
const MARKS = new Set([
  "domInteractive",
  "domContentLoadedEventEnd",
  "loadEventEnd",
  "firstContentfulPaint",
  "largestContentfulPaint::Candidate",
]);
for (const e of events) {
  const own = e.cat.includes("blink.user_timing") && e.ph !== "M" && !MARKS.has(e.name);
  const frame = (e.args?.frame ?? e.args?.data?.frame) as string | undefined;
  if (!(own || MARKS.has(e.name)) || !inWindow(e)) continue;
  if (!own && frame !== undefined && frame !== navigation.args?.frame) continue;
  if (
    e.name === "navigationStart" ||
    e.name.startsWith("fetchStart") ||
    e.name.startsWith("unload")
  )
    continue;
  console.log(`${fmt(ms(e.ts))}  ${e.name}`);
}

console.log("\nNetwork (ms from navigation start)");
const requests = new Map<string, { url: string; start: number; response?: number; end?: number }>();
for (const e of events) {
  const data = e.args?.data;
  if (data === undefined || typeof data.requestId !== "string") continue;
  if (e.name === "ResourceSendRequest" && typeof data.url === "string") {
    requests.set(data.requestId, { url: data.url, start: ms(e.ts) });
  }
  const request = requests.get(data.requestId);
  if (request === undefined) continue;
  if (e.name === "ResourceReceiveResponse") request.response = ms(e.ts);
  if (e.name === "ResourceFinish") request.end = ms(e.ts);
}
for (const request of [...requests.values()].sort((a, b) => a.start - b.start)) {
  if (request.start < 0 || request.start > untilMs) continue;
  const url = request.url.replace(/^.*\/\/[^/]+/, "");
  console.log(
    `${fmt(request.start)} -> response ${request.response === undefined ? "      -" : fmt(request.response)} end ${request.end === undefined ? "      -" : fmt(request.end)}  ${url}`,
  );
}

// Source maps of the built scripts, by URL path, when --maps names the build.
const traceMaps = new Map<string, TraceMap | null>();
function traceMapFor(script: string): TraceMap | null {
  if (values.maps === undefined || !script.startsWith("/")) return null;
  if (!traceMaps.has(script)) {
    const file = join(values.maps, `${script}.map`);
    traceMaps.set(script, existsSync(file) ? new TraceMap(readFileSync(file, "utf8")) : null);
  }
  return traceMaps.get(script) ?? null;
}

/** A source path from a map, short: the package's path, or the path inside the repository. */
function shortSource(source: string): string {
  const inPackage = source.lastIndexOf("node_modules/");
  if (inPackage >= 0) return source.slice(inPackage + "node_modules/".length);
  const inRepository = source.search(/(client|schema)\/src\//);
  return inRepository >= 0 ? source.slice(inRepository) : source;
}

/** Where a sampled frame comes from: the built script, or its original source with --maps. */
function origin(frame: ProfileNode["callFrame"]): { script: string; fn: string } {
  const script = !frame.url
    ? `(${frame.functionName || "native"})`
    : frame.url.replace(/^.*\/\/[^/]+/, "");
  const map = traceMapFor(script);
  const name = frame.functionName || "(anonymous)";
  if (map !== null && frame.lineNumber >= 0) {
    const original = originalPositionFor(map, {
      line: frame.lineNumber + 1,
      column: Math.max(0, frame.columnNumber),
    });
    if (original.source !== null) {
      const source = shortSource(original.source);
      return { script: source, fn: `${original.name ?? name} ${source}:${original.line}` };
    }
  }
  return { script, fn: `${name} ${script}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` };
}

// V8 samples: ProfileChunk events of the main thread's profile.
const nodes = new Map<number, ProfileNode>();
const selfByFunction = new Map<string, number>();
const selfByScript = new Map<string, number>();
const totalByScript = new Map<string, number>();
let sampleTs = 0;
for (const e of events) {
  if (e.name === "Profile" && e.pid === navigation.pid) {
    sampleTs = Number((e.args?.data as { startTime?: number } | undefined)?.startTime ?? 0);
  }
  if (e.name !== "ProfileChunk" || e.pid !== navigation.pid) continue;
  const chunk =
    (e.args?.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    }) ?? {};
  for (const node of chunk.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
  const samples = chunk.cpuProfile?.samples ?? [];
  const deltas = chunk.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const previous = sampleTs;
    sampleTs += deltas[i] ?? 0;
    const at = ms(sampleTs);
    if (at < 0 || at > untilMs) continue;
    const node = nodes.get(samples[i] ?? -1);
    if (node === undefined) continue;
    const took = (sampleTs - previous) / 1000;
    const { script, fn } = origin(node.callFrame);
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + took);
    selfByScript.set(script, (selfByScript.get(script) ?? 0) + took);
    const onStack = new Set<string>();
    for (
      let up: ProfileNode | undefined = node;
      up !== undefined;
      up = nodes.get(up.parent ?? -1)
    ) {
      onStack.add(origin(up.callFrame).script);
    }
    for (const each of onStack) totalByScript.set(each, (totalByScript.get(each) ?? 0) + took);
  }
}
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log("\nV8 samples, self time by script or source (ms)");
for (const [script, took] of top(selfByScript, 25)) console.log(`${fmt(took)}  ${script}`);
console.log("\nV8 samples, inclusive time by script or source (ms)");
for (const [script, took] of top(totalByScript, 40)) console.log(`${fmt(took)}  ${script}`);
console.log("\nV8 samples, self time by function (ms)");
for (const [fn, took] of top(selfByFunction, 30)) console.log(`${fmt(took)}  ${fn}`);
