// Records a Chromium performance trace (CDP Tracing) around one page action, for
// scripts/bench/client --trace and --profile: the file opens in Chromium's DevTools Performance
// panel or Perfetto. The categories are DevTools' own timeline, plus V8's sampling profiler when
// asked for.
import { writeFileSync } from "node:fs";
import type { CDPSession } from "playwright-core";

const TIMELINE_CATEGORIES = [
  "-*",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "v8.execute",
  "v8",
  "disabled-by-default-v8.compile",
  "blink.user_timing",
  "blink.console",
  "loading",
  "toplevel",
  "latencyInfo",
  "ServiceWorker",
  "IndexedDB",
];

/**
 * V8's sampling profiler (functions by time) and the stacks behind DevTools' events. With the
 * profiler on, Chromium compiles the page's scripts afresh instead of taking them from its code
 * cache (a trace of a warm open then shows the main chunk compiled for ~75 ms before it runs,
 * which an untraced warm open does not do): for where a task's time goes, not for when it starts.
 */
const SAMPLING_CATEGORIES = [
  "disabled-by-default-devtools.timeline.stack",
  "disabled-by-default-v8.cpu_profiler",
];

/** Where to write a trace, and whether it holds V8's samples (SAMPLING_CATEGORIES). */
export interface TraceRequest {
  path: string;
  samples: boolean;
}

interface TraceEvent {
  [key: string]: unknown;
}

/**
 * Runs `action` while Chromium traces, and writes the trace to `path` with `metadata` (what the
 * action answers: for the summary, client-trace-summary.ts). `settle` runs after tracing started,
 * before `action`: starting V8's profiler makes the page's main thread collect source positions
 * for every function it has compiled, which must not count in what `action` measures.
 */
export async function traceAround<T extends Record<string, unknown>>(
  cdp: CDPSession,
  trace: TraceRequest,
  settle: () => Promise<unknown>,
  action: () => Promise<T>,
): Promise<T> {
  const categories = trace.samples
    ? [...TIMELINE_CATEGORIES, ...SAMPLING_CATEGORIES]
    : TIMELINE_CATEGORIES;
  const events: TraceEvent[] = [];
  const collect = (params: { value: TraceEvent[] }) => {
    for (const event of params.value) events.push(event);
  };
  cdp.on("Tracing.dataCollected", collect);
  const complete = new Promise<void>((resolve) =>
    cdp.once("Tracing.tracingComplete", () => resolve()),
  );
  await cdp.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: { includedCategories: categories, excludedCategories: [] },
  });
  let metadata: T | null = null;
  try {
    await settle();
    metadata = await action();
    return metadata;
  } finally {
    await cdp.send("Tracing.end");
    await complete;
    cdp.off("Tracing.dataCollected", collect);
    writeFileSync(trace.path, JSON.stringify({ traceEvents: events, metadata }));
  }
}
