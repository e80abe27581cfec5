// Preloaded into every server under test (`node --import <this file> server.ts`): samples the
// event loop's delay with monitorEventLoopDelay and, on SIGUSR2, writes what it saw since the
// previous signal to $BENCH_LOOP_DELAY_FILE (written whole, then renamed) and starts afresh.
// The servers themselves are not changed; the benchmark only signals them.
import { renameSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (file !== undefined && file !== "") {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let sequence = 0;
  process.on("SIGUSR2", () => {
    sequence += 1;
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const report = {
      sequence,
      samples: histogram.count,
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
    };
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
    histogram.reset();
  });
}
