// Preloaded into every server under test (`node --expose-gc --import <this file> server.ts`):
// samples the event loop's delay with monitorEventLoopDelay and, on SIGUSR2, writes to
// $BENCH_LOOP_DELAY_FILE (whole, then renamed) what it saw since the previous signal, and the
// heap in use after a full collection (what the server still holds, which its resident set does
// not show: V8 and malloc keep freed pages), then starts the histogram afresh. The servers
// themselves are not changed; the benchmark only signals them. A stock server started by the
// benchmark adds up the time of its own document loads in `globalThis.benchDocumentLoadMs`
// (stock-hocuspocus-server.ts), reported as `documentLoadMs` (null: not counted).
import { renameSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.BENCH_LOOP_DELAY_FILE;
const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (file !== undefined && file !== "") {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let sequence = 0;
  process.on("SIGUSR2", () => {
    sequence += 1;
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    collectGarbage?.();
    const report = {
      sequence,
      samples: histogram.count,
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      heapUsedMb: collectGarbage === undefined ? null : process.memoryUsage().heapUsed / 2 ** 20,
      documentLoadMs: (globalThis as { benchDocumentLoadMs?: number }).benchDocumentLoadMs ?? null,
    };
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
    histogram.reset();
  });
}
