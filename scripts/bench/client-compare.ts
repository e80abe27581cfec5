// Compares client builds' warm open on a shared machine: runs scripts/bench/client once per build
// per round, the builds interleaved round by round (so a busier minute of the machine weighs on
// all of them alike), and prints each build's warm reloads pooled over the rounds. Run it through
// scripts/bench/client-compare (see --help).
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { SizeResult } from "./client-format.ts";
import { positiveInteger, progress } from "./lib/cli.ts";

const HELP = `Usage: scripts/bench/client-compare [options] DIR...

Each DIR is a production client build (to build a commit's client: check it out and run
\`pnpm exec vite build --outDir DIR\` in client/). For each of --rounds rounds, runs
scripts/bench/client --sizes SIZE --reloads N --client-dir DIR --json for every DIR in turn (in
reverse order every other round: which build runs first in a round moves its median), then
prints per DIR: the warm reloads of all rounds pooled (median, p25-p75, fastest), the median cold
open and network-cut reload, and the load average seen.

Options:
  --rounds N     rounds (default 3)
  --size N       channel size in messages (default 1000)
  --reloads N    warm reloads per run (default 10)
  -h, --help     show this help`;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rounds: { type: "string", default: "3" },
    size: { type: "string", default: "1000" },
    reloads: { type: "string", default: "10" },
    help: { type: "boolean", short: "h", default: false },
  },
  allowPositionals: true,
});
if (values.help || positionals.length === 0) {
  console.log(HELP);
  process.exit(values.help ? 0 : 1);
}
const rounds = positiveInteger(values.rounds, "--rounds");
const bench = join(import.meta.dirname, "client");

interface Pooled {
  warm: number[];
  cold: number[];
  offline: number[];
  load: number[];
}
const pooled = new Map<string, Pooled>(
  positionals.map((dir) => [dir, { warm: [], cold: [], offline: [], load: [] }]),
);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

for (let round = 1; round <= rounds; round++) {
  // Every other round in reverse: on this machine the build run first in a round was seen tens of
  // ms slower or faster than the same build run second, whichever it was.
  const order = round % 2 === 1 ? [...pooled] : [...pooled].reverse();
  for (const [dir, into] of order) {
    progress(`round ${round}/${rounds}: ${dir} (load average ${loadavg()[0]?.toFixed(1)})`);
    const args = [
      "--sizes",
      values.size,
      "--reloads",
      values.reloads,
      "--client-dir",
      dir,
      "--json",
    ];
    const output = execFileSync(bench, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const [result] = JSON.parse(output) as SizeResult[];
    if (result === undefined || "error" in result) {
      progress(`  failed: ${result?.error ?? "no result"}`);
      continue;
    }
    into.warm.push(...result.browser.warmMs);
    into.cold.push(result.browser.coldMs);
    if (result.browser.warmOfflineMs !== null) into.offline.push(result.browser.warmOfflineMs);
    into.load.push(...result.loadAverage);
  }
}

const ms = (value: number) => Math.round(value).toLocaleString("en").padStart(6);
console.log("build  warm reloads  p50 (p25-p75)  fastest  cold p50  network cut p50  load average");
for (const [dir, { warm, cold, offline, load }] of pooled) {
  console.log(
    [
      dir,
      `${warm.length}`.padStart(12),
      `${ms(percentile(warm, 50))} (${Math.round(percentile(warm, 25))}-${Math.round(percentile(warm, 75))})`,
      ms(Math.min(...warm)),
      ms(percentile(cold, 50)),
      ms(percentile(offline, 50)),
      `${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`,
    ].join("  "),
  );
}
