// The servers under test, each its own child process pinned to the server core, with the
// event-loop preload: OpenVibe as shipped (the release artifact's bundle, shipped-server.ts; and
// with its write guard switched off), stock
// Hocuspocus 4 in memory and with extension-sqlite, and the y-websocket reference server.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { waitForLogEntry } from "../lib/child-log.ts";
import { type CommitHistogram, readCommitHistogram } from "./commit-times.ts";
import { settleDisk } from "./disk.ts";
import { type ProcSample, sampleProcess } from "./proc-stats.ts";
import { shippedServer } from "./shipped-server.ts";
import type { WireProtocol } from "./wire.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const HERE = fileURLToPath(new URL(".", import.meta.url));
const PRELOAD = join(HERE, "server-report-preload.ts");
const START_TIMEOUT_MS = 120_000;
/** Where OpenVibe writes its bridge key, in its data directory. */
export const BRIDGE_KEY_FILE = "agent-bridge.key";
const STOP_TIMEOUT_MS = 30_000;

/** The core servers run on; load generators get the other one. */
export const SERVER_CORE = 1;
export const LOAD_CORE = 0;

export const SERVER_KINDS = [
  "openvibe",
  "openvibe-noguard",
  "hocuspocus-memory",
  "hocuspocus-sqlite",
  "y-websocket",
] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
/** Every server but OpenVibe without its write guard (for scenarios where the guard's cost is not the question). */
export const WITHOUT_NOGUARD: readonly ServerKind[] = SERVER_KINDS.filter(
  (k) => k !== "openvibe-noguard",
);

export interface ServerSpec {
  kind: ServerKind;
  protocol: WireProtocol;
  /** OpenVibe checks tokens and needs a workspace; the stock servers take any document. */
  openvibe: boolean;
  /** Whether what it acknowledges survives a restart. */
  persistent: boolean;
  describe: string;
}

export const SERVER_SPECS: Record<ServerKind, ServerSpec> = {
  openvibe: {
    kind: "openvibe",
    protocol: "hocuspocus",
    openvibe: true,
    persistent: true,
    describe: "OpenVibe as shipped: authentication, SQLite log, write guard, every extension",
  },
  "openvibe-noguard": {
    kind: "openvibe-noguard",
    protocol: "hocuspocus",
    openvibe: true,
    persistent: true,
    describe: "OpenVibe with OPENVIBE_WRITE_GUARD=off",
  },
  "hocuspocus-memory": {
    kind: "hocuspocus-memory",
    protocol: "hocuspocus",
    openvibe: false,
    persistent: false,
    describe: "stock Hocuspocus 4, documents in memory",
  },
  "hocuspocus-sqlite": {
    kind: "hocuspocus-sqlite",
    protocol: "hocuspocus",
    openvibe: false,
    persistent: true,
    describe: "stock Hocuspocus 4 + @hocuspocus/extension-sqlite on a file (defaults)",
  },
  "y-websocket": {
    kind: "y-websocket",
    protocol: "y-websocket",
    openvibe: false,
    persistent: false,
    describe: "@y/websocket-server 0.1.1 (the y-websocket reference server), in memory",
  },
};

let tasksetChecked: boolean | null = null;
const running = new Set<ChildProcess>();

/** SIGKILLs every server still running (the run was interrupted). */
export function killAllServers(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/** Whether `taskset` exists and there are at least two cores to pin to. */
export function canPin(): boolean {
  if (tasksetChecked === null) {
    const probe = spawnSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    const cores = Number(spawnSync("nproc", [], { encoding: "utf8" }).stdout.trim() || "1");
    tasksetChecked = probe.status === 0 && cores >= 2;
  }
  return tasksetChecked;
}

/** Pins every thread of `pid` to `core`; false (and nothing done) when it cannot. */
export function pinToCore(pid: number, core: number): boolean {
  if (!canPin()) return false;
  const result = spawnSync("taskset", ["-a", "-p", "-c", String(core), String(pid)], {
    stdio: "ignore",
  });
  return result.status === 0;
}

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** What a server's preload reports (server-report-preload.ts). */
export interface ServerReport extends LoopDelay {
  /** Heap in use after a full collection. */
  heapUsedMb: number | null;
  /** A stock server's own document loads so far, in all (OpenVibe: documentLoadMs()). */
  documentLoadMs: number | null;
}

export interface RunningServer {
  spec: ServerSpec;
  pid: number;
  port: number;
  /** Where clients connect (y-websocket clients add the document name as the path). */
  url: string;
  /** The HTTP origin (OpenVibe's API). */
  httpUrl: string;
  dataDir: string;
  sample(): ProcSample | null;
  /**
   * Event-loop delay since the previous call (the first call: since the start), and the heap in
   * use after a full collection (which the call forces).
   */
  report(): Promise<ServerReport | null>;
  /**
   * The server's own document loads so far, in all (ms): from reading a document's storage until
   * it is ready for its peer, without the client's round trip. OpenVibe's from its metrics
   * (openvibe_document_load_seconds), stock Hocuspocus's from its report; null: not counted
   * (y-websocket).
   */
  documentLoadMs(): Promise<number | null>;
  /** OpenVibe's group commits so far (openvibe_commit_seconds); null for the stock servers. */
  commitHistogram(): Promise<CommitHistogram | null>;
  /** SIGTERM and wait (SIGKILL after 30 s). */
  stop(): Promise<void>;
  /** SIGKILL and wait: nothing is flushed. */
  kill(): Promise<void>;
}

function command(
  kind: ServerKind,
  dataDir: string,
): { script: string; env: Record<string, string> } {
  switch (kind) {
    case "openvibe":
    case "openvibe-noguard":
      return {
        script: shippedServer(),
        env: {
          OPENVIBE_DATA_DIR: dataDir,
          // Written at setup; scenario 6 claims agent tasks with it as a bridge would.
          OPENVIBE_BRIDGE_KEY_FILE: join(dataDir, BRIDGE_KEY_FILE),
          OPENVIBE_LOG_LEVEL: "info",
          OPENVIBE_WRITE_GUARD: kind === "openvibe" ? "on" : "off",
          // One benchmark writer stands for many people: the per-person write rate (a policy,
          // default 200/s) would close its connection. The rate is still counted, as shipped.
          OPENVIBE_WRITES_PER_SECOND: "1000000",
          // Likewise the per-person rate of new thread documents (default 6 a minute).
          OPENVIBE_NEW_THREADS_PER_MINUTE: "100000",
          OPENVIBE_NEW_THREADS_BURST: "1000000",
          // Every load client connects from 127.0.0.1, and many as one person: lift the
          // per-address socket cap (default 100) and the per-person open-document cap (default
          // 5000), which are about abuse, not cost.
          OPENVIBE_MAX_SOCKETS: "1000000",
          OPENVIBE_MAX_SOCKETS_PER_ADDRESS: "1000000",
          OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON: "10000000",
        },
      };
    case "hocuspocus-memory":
      return { script: join(HERE, "stock-hocuspocus-server.ts"), env: {} };
    case "hocuspocus-sqlite":
      return {
        script: join(HERE, "stock-hocuspocus-server.ts"),
        env: { BENCH_SQLITE_FILE: join(dataDir, "hocuspocus.sqlite") },
      };
    case "y-websocket":
      return { script: join(HERE, "stock-y-websocket-server.ts"), env: {} };
  }
}

function serverNodeOptions(): { NODE_OPTIONS?: string } {
  const flags = process.env.BENCH_SERVER_NODE_OPTIONS;
  return flags === undefined || flags === "" ? {} : { NODE_OPTIONS: flags };
}

/**
 * Starts a server of `kind` over `dataDir` (kept across restarts), pinned to the server core;
 * `settings` adds environment variables (a scenario's server settings).
 */
export async function startServer(
  kind: ServerKind,
  dataDir: string,
  settings: Record<string, string> = {},
): Promise<RunningServer> {
  settleDisk();
  const { script, env } = command(kind, dataDir);
  const loopFile = join(dataDir, `loop-delay-${process.pid}.json`);
  rmSync(loopFile, { force: true });
  const child = spawn(
    process.execPath,
    ["--max-old-space-size=6144", "--expose-gc", "--import", PRELOAD, script],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        ...settings,
        PORT: "0",
        HOST: "127.0.0.1",
        BENCH_LOOP_DELAY_FILE: loopFile,
        // BENCH_SERVER_NODE_OPTIONS=<flags> gives the servers, not the load generators, Node
        // flags (`--perf-basic-prof` for `perf record -C 1`: docs/benchmarks.md).
        ...serverNodeOptions(),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${kind} did not start`);
  running.add(child);
  child.once("exit", () => running.delete(child));
  pinToCore(pid, SERVER_CORE);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // BENCH_SERVER_LOG_DIR=<dir> keeps each server's output (for looking into a failed run).
  const logDir = process.env.BENCH_SERVER_LOG_DIR;
  if (logDir !== undefined && logDir !== "") {
    const log = createWriteStream(join(logDir, `${kind}-${pid}.log`));
    child.stdout?.on("data", (chunk: Buffer) => log.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => log.write(chunk));
    child.once("exit", () => log.end());
  }
  // OpenVibe scans its stored thread documents at start (its thread index's catch-up): at 1M
  // messages about a second of CPU whose freed memory the allocator keeps. Readings start after
  // it, as they would on a server that has been up a while. Listened for before the server can
  // say it, since both lines may come in one chunk.
  const caughtUp = SERVER_SPECS[kind].openvibe
    ? waitForLogEntry(
        child,
        { name: kind, event: "catch up with its thread index" },
        () => stderr,
        (entry) => (entry.msg === "thread index caught up" ? true : undefined),
      )
    : Promise.resolve(true);
  // An exit before listening is reported by listeningPort.
  caughtUp.catch(() => {});
  const port = await listeningPort(child, kind, () => stderr);
  await caughtUp;
  // Threads the server started after the first pinning (workers, libuv pool) follow it too.
  pinToCore(pid, SERVER_CORE);
  let sequence = 0;
  const exited = once(child, "exit");
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const report = async (): Promise<ServerReport | null> => {
    if (gone()) return null;
    child.kill("SIGUSR2");
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if (existsSync(loopFile)) {
        try {
          const read = JSON.parse(readFileSync(loopFile, "utf8")) as ServerReport & {
            sequence: number;
          };
          if (read.sequence > sequence) {
            sequence = read.sequence;
            const { p50Ms, p99Ms, maxMs, heapUsedMb, documentLoadMs } = read;
            return { p50Ms, p99Ms, maxMs, heapUsedMb, documentLoadMs: documentLoadMs ?? null };
          }
        } catch {
          // Renamed into place while we read: try again.
        }
      }
      await delay(20);
    }
    return null;
  };
  return {
    spec: SERVER_SPECS[kind],
    pid,
    port,
    url: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    dataDir,
    sample: () => sampleProcess(pid),
    report,
    documentLoadMs: async () => {
      if (SERVER_SPECS[kind].openvibe) return openVibeDocumentLoadMs(`http://127.0.0.1:${port}`);
      if (SERVER_SPECS[kind].protocol !== "hocuspocus" || gone()) return null;
      return (await report())?.documentLoadMs ?? null;
    },
    commitHistogram: async () =>
      SERVER_SPECS[kind].openvibe ? openVibeCommitHistogram(`http://127.0.0.1:${port}`) : null,
    stop: async () => {
      if (gone()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
    kill: async () => {
      if (gone()) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** OpenVibe's /metrics exposition now (null: no answer). */
async function openVibeMetrics(httpUrl: string): Promise<string | null> {
  try {
    return await (await fetch(`${httpUrl}/metrics`)).text();
  } catch {
    return null;
  }
}

/** The sum of OpenVibe's openvibe_document_load_seconds histogram, in ms (null: no answer). */
async function openVibeDocumentLoadMs(httpUrl: string): Promise<number | null> {
  const text = await openVibeMetrics(httpUrl);
  if (text === null) return null;
  const sums = text
    .split("\n")
    .filter((line) => line.startsWith("openvibe_document_load_seconds_sum"))
    .map((line) => Number(line.slice(line.lastIndexOf(" ") + 1)));
  return sums.length === 0 ? 0 : sums.reduce((a, b) => a + b, 0) * 1000;
}

/** OpenVibe's openvibe_commit_seconds histogram now (null: no answer). */
async function openVibeCommitHistogram(httpUrl: string): Promise<CommitHistogram | null> {
  const text = await openVibeMetrics(httpUrl);
  return text === null ? null : readCommitHistogram(text);
}

function listeningPort(child: ChildProcess, kind: string, stderr: () => string): Promise<number> {
  return waitForLogEntry(
    child,
    { name: kind, event: "listen" },
    stderr,
    (entry) =>
      entry.msg === "server listening" && typeof entry.port === "number" ? entry.port : undefined,
    START_TIMEOUT_MS,
  );
}
