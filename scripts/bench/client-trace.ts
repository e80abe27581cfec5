// Records a Chromium performance trace (CDP Tracing) around one page action, for
// scripts/bench/client --trace and --profile: the file opens in Chromium's DevTools Performance
// panel or Perfetto. The categories are DevTools' own timeline plus V8's sampling profiler.
import { writeFileSync } from "node:fs";
import type { CDPSession } from "playwright-core";

const CATEGORIES = [
  "-*",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "disabled-by-default-devtools.timeline.stack",
  "v8.execute",
  "v8",
  "disabled-by-default-v8.compile",
  "disabled-by-default-v8.cpu_profiler",
  "blink.user_timing",
  "blink.console",
  "loading",
  "toplevel",
  "latencyInfo",
  "ServiceWorker",
  "IndexedDB",
];

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
  path: string,
  settle: () => Promise<unknown>,
  action: () => Promise<T>,
): Promise<T> {
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
    traceConfig: { includedCategories: CATEGORIES, excludedCategories: [] },
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
    writeFileSync(path, JSON.stringify({ traceEvents: events, metadata }));
  }
}
