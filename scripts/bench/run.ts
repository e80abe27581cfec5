// scripts/bench/run: OpenVibe's sync server side by side with stock Hocuspocus 4 (in memory,
// and with extension-sqlite) and the y-websocket server, in one run, with the same workload.
// Each server runs as its own process on one core; load generators run on the other.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { progress, sizesOption } from "./lib/cli.ts";
import type { RunContext } from "./side-by-side/context.ts";
import { docsPaths, generatedSection, replaceGenerated } from "./side-by-side/docs.ts";
import { type ScenarioResult, textTable } from "./side-by-side/report.ts";
import { SCENARIOS, type ScenarioId } from "./side-by-side/scenarios/index.ts";
import {
  canPin,
  killAllServers,
  LOAD_CORE,
  pinToCore,
  SERVER_KINDS,
  SERVER_SPECS,
  type ServerKind,
} from "./side-by-side/servers.ts";
import { type Mode, SIZES, type Sizes } from "./side-by-side/sizes.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const HELP = `Usage: scripts/bench/run [options] [scenario...]

Runs each scenario against every server under test, one server process at a time (pinned to
core 1; load generators on core 0), and prints one table per scenario on stdout (progress on
stderr).

Scenarios (default: all, in this order):
${Object.values(SCENARIOS)
  .map((s) => `  ${s.id.padEnd(14)} ${s.summary}`)
  .join("\n")}

Servers:
${SERVER_KINDS.map((k) => `  ${k.padEnd(18)} ${SERVER_SPECS[k].describe}`).join("\n")}

Options:
  --quick            short sizes: the whole run takes under 5 minutes on 2 cores
  --smoke            tiny sizes: checks that everything runs (the test suite uses it)
                     (neither: the full sizes, about 30-40 minutes)
  --servers LIST     comma-separated servers to include (default: all)
  --cold-open-sizes LIST
                     channel sizes in messages for cold-open, comma separated (default: the
                     mode's, full 1000,100000; the issue's targets: 1000,100000,1000000)
  --json FILE        also write the results as JSON to FILE
  --write-docs       rewrite the generated part of docs/benchmarks.md and its charts
  -h, --help         this text

Environment:
  BENCH_SERVER_LOG_DIR=DIR         keep every server's output in DIR
  BENCH_SERVER_NODE_OPTIONS=FLAGS  Node flags for the servers only (not the load generators),
                                   e.g. --perf-basic-prof for perf record -C 1
`;

/** The commit under test, and whether the server's or schema's sources differ from it. */
function revision(): string {
  const git = (args: string[]) =>
    spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  const commit = git(["rev-parse", "--short", "HEAD"]) || "unknown";
  const dirty = git(["status", "--porcelain", "--", "sync-server/src", "schema/src"]) !== "";
  return dirty ? `${commit} with uncommitted changes in sync-server/src or schema/src` : commit;
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
}

function machine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? "unknown CPU";
  return `${cores.length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free at start), Linux ${release()}, Node ${process.versions.node}`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: "boolean", default: false },
      smoke: { type: "boolean", default: false },
      servers: { type: "string" },
      "cold-open-sizes": { type: "string" },
      json: { type: "string" },
      "write-docs": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.quick && values.smoke) throw new Error("--quick and --smoke exclude each other");
  const mode: Mode = values.smoke ? "smoke" : values.quick ? "quick" : "full";
  const unknown = positionals.filter((p) => !(p in SCENARIOS));
  if (unknown.length > 0) {
    throw new Error(
      `unknown scenario ${unknown.join(", ")}; known: ${Object.keys(SCENARIOS).join(", ")}`,
    );
  }
  const scenarioIds = (
    positionals.length > 0 ? positionals : Object.keys(SCENARIOS)
  ) as ScenarioId[];
  const servers = (values.servers?.split(",").map((s) => s.trim()) ?? [
    ...SERVER_KINDS,
  ]) as ServerKind[];
  const badServer = servers.find((s) => !SERVER_KINDS.includes(s));
  if (badServer !== undefined) {
    throw new Error(`unknown server ${badServer}; known: ${SERVER_KINDS.join(", ")}`);
  }

  const coldOpenSizes = values["cold-open-sizes"];
  const sizes: Sizes =
    coldOpenSizes === undefined
      ? SIZES[mode]
      : {
          ...SIZES[mode],
          coldOpen: {
            ...SIZES[mode].coldOpen,
            messages: sizesOption(coldOpenSizes, "--cold-open-sizes"),
          },
        };

  const pinned = canPin() && pinToCore(process.pid, LOAD_CORE);
  if (!pinned) progress("taskset is missing or there is one core: servers and load are not pinned");
  const scratch = mkdtempSync(join(tmpdir(), "openvibe-bench-"));
  const context: RunContext = { sizes, servers, scratch, failures: [] };
  const started = Date.now();
  const loadBefore = loadAverage();
  const revisionAtStart = revision();
  const results: ScenarioResult[] = [];
  const failed: string[] = [];
  const scenarioSeconds: Record<string, number> = {};
  const header = () => ({
    mode,
    options: coldOpenSizes === undefined ? "" : `--cold-open-sizes ${coldOpenSizes}`,
    machine: machine(),
    pinned,
    durationSeconds: (Date.now() - started) / 1000,
    date: `${new Date(started).toISOString().slice(0, 16).replace("T", " ")} UTC`,
    revision: revisionAtStart,
    loadAverage: `${loadBefore} at the start, ${loadAverage()} at the end`,
  });
  const writeJson = () => {
    if (values.json === undefined) return;
    const file = resolve(values.json);
    mkdirSync(dirname(file), { recursive: true });
    const scenarios = results.map(({ charts: _charts, ...rest }) => ({
      ...rest,
      seconds: scenarioSeconds[rest.id] ?? null,
    }));
    writeFileSync(
      file,
      `${JSON.stringify({ version: 1, ...header(), servers, failed, scenarios }, null, 2)}\n`,
    );
  };
  try {
    for (const id of scenarioIds) {
      const scenario = SCENARIOS[id];
      progress(`scenario ${id}: ${scenario.summary}`);
      const scenarioStarted = Date.now();
      let result: ScenarioResult;
      try {
        result = await scenario.run(context);
      } catch (error) {
        // One broken scenario must not cost the others' results (a full run takes long).
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        progress(`scenario ${id} failed: ${message}`);
        failed.push(id);
        result = {
          id,
          title: `${scenario.summary}: FAILED`,
          tables: [
            { title: `${id}: failed`, columns: ["error"], rows: [[message.split("\n")[0] ?? ""]] },
          ],
          notes: [],
          charts: [],
          data: { error: message },
        };
      }
      result.notes.push(...context.failures.splice(0));
      const seconds = Math.round((Date.now() - scenarioStarted) / 1000);
      progress(`scenario ${id} took ${seconds} s`);
      results.push(result);
      scenarioSeconds[id] = seconds;
      process.stdout.write(`${result.title}\n\n`);
      for (const table of result.tables) process.stdout.write(`${textTable(table)}\n\n`);
      for (const note of result.notes) process.stdout.write(`  ${note}\n`);
      if (result.notes.length > 0) process.stdout.write("\n");
      writeJson(); // after each scenario, so a run cut short keeps what it measured
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  progress(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  writeJson();
  if (values["write-docs"]) {
    const docs = docsPaths(ROOT);
    replaceGenerated(
      docs.file,
      await generatedSection(header(), results, docs.chartDir, docs.chartLink),
    );
    progress(`wrote ${docs.file}`);
  }
  if (failed.length > 0) throw new Error(`scenarios failed: ${failed.join(", ")}`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAllServers(); // load generators exit when their IPC channel closes
    process.exit(130);
  });
}
process.once("exit", killAllServers);

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
