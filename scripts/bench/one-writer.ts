// One writer, one receiver at full speed: the per-update cost of a sync server. The writer sends
// messages posted through @openvibe/schema as raw Hocuspocus 4 update frames, keeping at most
// --window of them unacknowledged; the receiver applies what the server forwards. Servers run as
// their own processes on core 0, the clients here on core 1. Run: node scripts/bench/one-writer.ts
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import {
  createDefaultEnv,
  createSplitThread,
  initThreadDocument,
  postMessage,
  threadDocumentName,
} from "@openvibe/schema";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { namingThread } from "./channel-fixture.ts";
import { shippedServer } from "./side-by-side/shipped-server.ts";

const HELP = `Usage: node scripts/bench/one-writer.ts [options]

Options:
  --servers LIST   openvibe,stock-memory,stock-sqlite (default: all three); openvibe@DIR runs
                   the OpenVibe server of another checkout (to compare before and after). Each
                   OpenVibe runs as shipped: its checkout's artifact is built first (scripts/release)
  --updates N      timed updates per run (default 3000)
  --window LIST    updates in flight to the receiver, per run (default 1,16)
  --repeats N      runs per server and window, interleaved; medians reported (default 3)
  --env K=V,...    extra environment for the OpenVibe server
  --prof DIR       run the OpenVibe server with --cpu-prof into DIR
  --threads        also print each server's CPU per update by thread: the event loop, its worker
                   threads (OpenVibe: appends and compactions), V8's helper threads (garbage
                   collection, compilation) and libuv's pool
  --json           print results as JSON`;

const { values } = parseArgs({
  options: {
    servers: { type: "string", default: "openvibe,stock-memory,stock-sqlite" },
    updates: { type: "string", default: "3000" },
    window: { type: "string", default: "1,16" },
    repeats: { type: "string", default: "3" },
    env: { type: "string", default: "" },
    prof: { type: "string" },
    json: { type: "boolean", default: false },
    threads: { type: "boolean", default: false },
    role: { type: "string" },
    store: { type: "string" },
    data: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

const ROOT = new URL("../../", import.meta.url).pathname;
const DOCUMENT_PROTOCOL_VERSION = "4.8.0";
const MSG = { sync: 0, awareness: 1, auth: 2, syncReply: 4, syncStatus: 8 } as const;
const SYNC = { step1: 0, step2: 1, update: 2 } as const;
const AUTHENTICATED = 2;

// ---------------------------------------------------------------- servers
/** The thread every run writes in, in its own document (channels are split). */
const THREAD_ID = "01BENCHTHREAD0000000000000";

interface RunningServer {
  pid: number;
  url: string;
  token: string;
  channelId: string;
  /** Whether the server writes a new thread document's meta itself (OpenVibe), or the writer must. */
  writesMeta: boolean;
  actorId: string;
  stop(): Promise<void>;
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start")), 30_000);
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    lines.on("line", (line) => {
      if (process.env.OW_ECHO) process.stderr.write(`${line}\n`);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === "server listening" && typeof entry.port === "number") {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {}
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function stopper(child: ChildProcess, dataDir: string) {
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** The checkout an `openvibe` or `openvibe@DIR` label runs. */
function checkoutOf(label: string): string {
  return label.split("@")[1] ?? ROOT;
}

async function startOpenVibe(
  root: string,
  extraEnv: Record<string, string>,
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "ow-openvibe-"));
  const prof = values.prof === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${values.prof}`];
  const child = spawn("taskset", ["-c", "0", process.execPath, ...prof, shippedServer(root)], {
    env: {
      ...process.env,
      PORT: "0",
      OPENVIBE_DATA_DIR: dataDir,
      OPENVIBE_LOG_LEVEL: "info",
      OPENVIBE_BRIDGE_KEY_FILE: "off",
      // The write guard's per-person rate limit would stop a writer at full speed.
      OPENVIBE_WRITES_PER_SECOND: "1000000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await waitForPort(child);
  const base = `http://127.0.0.1:${port}`;
  let cookie = "";
  let csrf = "";
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie !== null) cookie = setCookie.split(";")[0] ?? "";
    const json = (await response.json()) as T & { csrfToken?: string };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    if (typeof json.csrfToken === "string") csrf = json.csrfToken;
    return json;
  };
  const setup = await post<{ user: { id: string } }>("/api/setup", {
    workspaceName: "Bench",
    email: "admin@example.com",
    displayName: "admin",
    password: "correct horse battery staple",
  });
  const channel = await post<{ id: string }>("/api/channels", {
    name: "bench",
    topic: "",
    visibility: "public",
  });
  const key = await post<{ key: string }>("/api/api-keys", { name: "bench" });
  return {
    pid: await serverPid(child),
    url: `ws://127.0.0.1:${port}`,
    token: key.key,
    channelId: channel.id,
    writesMeta: true,
    actorId: setup.user.id,
    stop: stopper(child, dataDir),
  };
}

async function startStock(store: "memory" | "sqlite"): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "ow-stock-"));
  const child = spawn(
    "taskset",
    [
      "-c",
      "0",
      process.execPath,
      new URL(import.meta.url).pathname,
      "--role",
      "stock-server",
      "--store",
      store,
      "--data",
      dataDir,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await waitForPort(child);
  return {
    pid: await serverPid(child),
    url: `ws://127.0.0.1:${port}`,
    token: "any",
    channelId: "bench",
    writesMeta: false,
    actorId: "01BENCHWRITER0000000000000",
    stop: stopper(child, dataDir),
  };
}

/** taskset execs the server, so the child's pid is the server's. */
async function serverPid(child: ChildProcess): Promise<number> {
  if (child.pid === undefined) throw new Error("no pid");
  return child.pid;
}

/** utime + stime of a /proc stat line, in ms (fields 14 and 15, 1-based: 12 and 13 after "comm) "). */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function cpuMs(pid: number): number {
  return statCpuMs(readFileSync(`/proc/${pid}/stat`, "utf8"));
}

/** Thread kinds by the names Node and V8 give their threads. */
const THREAD_KINDS: Record<string, string> = {
  MainThread: "event loop",
  WorkerThread: "worker threads",
  V8Worker: "V8 helpers",
  "libuv-worker": "libuv pool",
};

/** CPU ms so far of each kind of thread of a process (threads that ended are not counted). */
function cpuMsByThread(pid: number): Map<string, number> {
  const byKind = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      const kind = THREAD_KINDS[name] ?? "other";
      const ms = statCpuMs(readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8"));
      byKind.set(kind, (byKind.get(kind) ?? 0) + ms);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return byKind;
}

// ---------------------------------------------------------------- raw protocol client
class RawClient {
  readonly doc = new Y.Doc();
  private readonly socket: WebSocket;
  private readonly name: string;
  acks = 0;
  onAck: () => void = () => {};
  onUpdate: () => void = () => {};
  private synced!: () => void;
  readonly ready: Promise<void>;

  constructor(url: string, name: string, token: string) {
    this.name = name;
    this.socket = new WebSocket(url);
    this.socket.binaryType = "arraybuffer";
    this.ready = new Promise((resolve, reject) => {
      this.synced = resolve;
      this.socket.onerror = () => reject(new Error("socket error"));
    });
    this.socket.onopen = () => {
      const auth = encoding.createEncoder();
      encoding.writeVarString(auth, name);
      encoding.writeVarUint(auth, MSG.auth);
      encoding.writeVarUint(auth, 0);
      encoding.writeVarString(auth, token);
      encoding.writeVarString(auth, DOCUMENT_PROTOCOL_VERSION);
      this.socket.send(encoding.toUint8Array(auth));
    };
    this.socket.onmessage = (event) => this.receive(new Uint8Array(event.data as ArrayBuffer));
  }

  private frame(write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.name);
    write(e);
    return encoding.toUint8Array(e);
  }

  updateFrame(update: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, MSG.sync);
      encoding.writeVarUint(e, SYNC.update);
      encoding.writeVarUint8Array(e, update);
    });
  }

  send(frame: Uint8Array): void {
    this.socket.send(frame);
  }

  private receive(data: Uint8Array): void {
    const d = decoding.createDecoder(data);
    decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if (type === MSG.auth) {
      if (decoding.readVarUint(d) !== AUTHENTICATED) throw new Error("permission denied");
      this.socket.send(
        this.frame((e) => {
          encoding.writeVarUint(e, MSG.sync);
          encoding.writeVarUint(e, SYNC.step1);
          encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc));
        }),
      );
    } else if (type === MSG.sync || type === MSG.syncReply) {
      const syncType = decoding.readVarUint(d);
      if (syncType === SYNC.step1) return;
      Y.applyUpdate(this.doc, decoding.readVarUint8Array(d));
      if (syncType === SYNC.step2) this.synced();
      else this.onUpdate();
    } else if (type === MSG.syncStatus) {
      if (decoding.readVarInt(d) !== 1) throw new Error("update refused");
      this.acks++;
      this.onAck();
    }
  }

  close(): void {
    this.socket.close();
  }
}

// ---------------------------------------------------------------- one run
interface RunResult {
  server: string;
  window: number;
  updates: number;
  perSecond: number;
  cpuMsPerUpdate: number;
  ackP50: number;
  ackP99: number;
  deliveryP50: number;
  deliveryP99: number;
  /** CPU ms per update by kind of thread. */
  cpuByThread: Record<string, number>;
}

const WRITER_CLIENT_ID = 424242;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/** Updates that start a thread in its document and post `count` messages, as the product does. */
function writerUpdates(server: RunningServer, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = WRITER_CLIENT_ID;
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const actor = { kind: "human", id: server.actorId } as const;
  if (!server.writesMeta) initThreadDocument(doc, server.channelId, THREAD_ID);
  const { threadId } = createSplitThread(
    () => doc,
    actor,
    { title: "bench", body: "first" },
    namingThread(createDefaultEnv(), THREAD_ID),
  );
  for (let i = 0; i < count; i++) {
    postMessage(doc, actor, { threadId, body: `message ${i} ${"lorem ipsum ".repeat(i % 8)}` });
  }
  return updates;
}

async function run(label: string, server: RunningServer, window: number, count: number) {
  const warmup = 300;
  const updates = writerUpdates(server, warmup + count);
  const documentName = threadDocumentName(server.channelId, THREAD_ID);
  const writer = new RawClient(server.url, documentName, server.token);
  const receiver = new RawClient(server.url, documentName, server.token);
  await Promise.all([writer.ready, receiver.ready]);
  const frames = updates.map((u) => writer.updateFrame(u));
  // The writer's clock after each update tells which updates a receiver holds.
  const clockAfter: number[] = [];
  {
    const probe = new Y.Doc();
    for (const u of updates) {
      Y.applyUpdate(probe, u);
      clockAfter.push(Y.getState(probe.store, WRITER_CLIENT_ID));
    }
  }
  const sentAt: number[] = new Array(frames.length).fill(0);
  const ackedAt: number[] = new Array(frames.length).fill(0);
  const deliveredAt: number[] = new Array(frames.length).fill(0);
  let sent = 0;
  let delivered = 0;
  let cpuStart = 0;
  let threadsStart = new Map<string, number>();
  let startedAt = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: timed out`)), 180_000);
    const pump = () => {
      // Like scripts/bench/run's one-writer scenario: `window` messages in flight to the receiver.
      while (sent < frames.length && sent - delivered < window) {
        if (sent === warmup) {
          // Start timing once the warm-up is acknowledged and delivered.
          if (writer.acks < warmup || delivered < warmup) return;
          cpuStart = cpuMs(server.pid);
          threadsStart = cpuMsByThread(server.pid);
          startedAt = performance.now();
        }
        sentAt[sent] = performance.now();
        writer.send(frames[sent] as Uint8Array);
        sent++;
      }
    };
    // Done once every update is both acknowledged and delivered, whichever comes last: a server
    // may forward the last update before it acknowledges it, or after.
    const finishIfDone = () => {
      if (delivered === frames.length && writer.acks === frames.length) {
        clearTimeout(timer);
        resolve();
      }
    };
    writer.onAck = () => {
      ackedAt[writer.acks - 1] = performance.now();
      finishIfDone();
      pump();
    };
    receiver.onUpdate = () => {
      const clock = Y.getState(receiver.doc.store, WRITER_CLIENT_ID);
      const now = performance.now();
      while (delivered < frames.length && (clockAfter[delivered] ?? 0) <= clock) {
        deliveredAt[delivered++] = now;
      }
      finishIfDone();
      pump();
    };
    pump();
  });
  await done;
  const elapsed = performance.now() - startedAt;
  const cpu = cpuMs(server.pid) - cpuStart;
  const cpuByThread: Record<string, number> = {};
  for (const [kind, ms] of cpuMsByThread(server.pid)) {
    cpuByThread[kind] = (ms - (threadsStart.get(kind) ?? 0)) / count;
  }
  writer.close();
  receiver.close();
  const timed = (times: number[]) =>
    times.slice(warmup).map((t, i) => t - (sentAt[warmup + i] ?? 0));
  return {
    server: label,
    window,
    updates: count,
    perSecond: count / (elapsed / 1000),
    cpuMsPerUpdate: cpu / count,
    ackP50: percentile(timed(ackedAt), 50),
    ackP99: percentile(timed(ackedAt), 99),
    deliveryP50: percentile(timed(deliveredAt), 50),
    deliveryP99: percentile(timed(deliveredAt), 99),
    cpuByThread,
  } satisfies RunResult;
}

function median(xs: number[]): number {
  return percentile(xs, 50);
}

async function main(): Promise<void> {
  // The clients run on core 1, the servers on core 0.
  spawn("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" });
  const servers = values.servers.split(",");
  const windows = values.window.split(",").map(Number);
  const count = Number(values.updates);
  const extraEnv = Object.fromEntries(
    values.env
      .split(",")
      .filter(Boolean)
      .map((kv) => kv.split("=") as [string, string]),
  );
  // Every artifact is built before the first run, not between runs.
  for (const label of servers) if (label.startsWith("openvibe")) shippedServer(checkoutOf(label));
  const results: RunResult[] = [];
  for (let repeat = 0; repeat < Number(values.repeats); repeat++) {
    for (const window of windows) {
      for (const label of servers) {
        const server = label.startsWith("openvibe")
          ? await startOpenVibe(checkoutOf(label), extraEnv)
          : await startStock(label === "stock-sqlite" ? "sqlite" : "memory");
        try {
          const result = await run(label, server, window, count);
          results.push(result);
          process.stderr.write(`${JSON.stringify(result)}\n`);
        } finally {
          await server.stop();
        }
      }
    }
  }
  if (values.json) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const header =
    "server          window   updates/s   cpu ms/upd   ack p50/p99 ms   delivery p50/p99 ms";
  console.log(header);
  for (const window of windows) {
    for (const label of servers) {
      const rs = results.filter((r) => r.server === label && r.window === window);
      const m = (f: (r: RunResult) => number) => median(rs.map(f));
      console.log(
        [
          label.padEnd(15),
          String(window).padStart(7),
          m((r) => r.perSecond)
            .toFixed(0)
            .padStart(11),
          m((r) => r.cpuMsPerUpdate)
            .toFixed(3)
            .padStart(12),
          `${m((r) => r.ackP50).toFixed(2)}/${m((r) => r.ackP99).toFixed(2)}`.padStart(16),
          `${m((r) => r.deliveryP50).toFixed(2)}/${m((r) => r.deliveryP99).toFixed(2)}`.padStart(
            21,
          ),
        ].join(" "),
      );
      if (values.threads) {
        const kinds = [...new Set(rs.flatMap((r) => Object.keys(r.cpuByThread)))].sort();
        const parts = kinds.map(
          (kind) => `${kind} ${m((r) => r.cpuByThread[kind] ?? 0).toFixed(3)}`,
        );
        console.log(`${"".padEnd(15)}   cpu ms/upd by thread (medians): ${parts.join(", ")}`);
      }
    }
  }
}

// ---------------------------------------------------------------- stock server role
async function stockServerRole(): Promise<void> {
  const { Server } = await import("@hocuspocus/server");
  const extensions = [];
  if (values.store === "sqlite") {
    const { SQLite } = await import("@hocuspocus/extension-sqlite");
    extensions.push(new SQLite({ database: join(values.data ?? tmpdir(), "hocuspocus.sqlite") }));
  }
  const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, extensions });
  await server.listen();
  console.log(JSON.stringify({ msg: "server listening", port: server.address.port }));
}

if (values.role === "stock-server") await stockServerRole();
else if (values.help) console.log(HELP);
else await main();
