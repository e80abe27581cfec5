// Client benchmark: how fast the browser app shows the newest messages of large channels, cold
// and warm, what it holds in memory and what IndexedDB grows to. Run it through
// scripts/bench/client (see --help).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildClient } from "../lib/build-client.ts";
import { syncWithProvider } from "./client-baseline.ts";
import { measureInBrowser } from "./client-browser.ts";
import {
  formatManyTable,
  formatTable,
  type ManyRow,
  type ProviderResult,
  type SizeResult,
} from "./client-format.ts";
import { measureManyChannelsSize } from "./client-many.ts";
import { type SeededChannel, seedChannel } from "./client-seed.ts";
import {
  createChannel,
  type HttpSession,
  type ServerProcess,
  setUpWorkspace,
  startServerProcess,
} from "./client-server.ts";
import type { TraceRequest } from "./client-trace.ts";
import { parseBenchArgs, positiveInteger, sizesOption } from "./lib/cli.ts";

const HELP = `Usage: scripts/bench/client [options]

For each channel size, in a fresh data directory, with the real server (its own process,
serving the production client build):
  1. set up a workspace and create a channel over HTTP (as the admin);
  2. stop the server, build the channel offline with @openvibe/schema (threads of 40-60
     messages by the admin, 40-200 character bodies, deterministic seed; split: each thread
     in its thread document, the channel document holding the index;
     scripts/bench/channel-fixture.ts) and append each document's state to the server's
     document log (SqliteDocumentStore), with the thread index rows the server keeps (else it
     derives them at start, beside what is measured), start again and wait until its
     start-up thread index catch-up is over (its log says so);
  3. baseline: plain @hocuspocus/providers in Node open the channel document and the newest
     thread's (the server loads them from SQLite), then again while the first stay (the server only sends it); the
     first stays connected, so the server holds the channel during the browser runs;
  4. Chromium (/usr/bin/chromium, fresh profile, signed in by cookie) opens the newest thread:
     cold (empty IndexedDB), then --reloads warm reloads, then one reload with the network cut
     (service worker). Each time is from the start of the navigation until the newest
     message's text is inside the viewport (performance.now() in the page). JS heap after
     garbage collection (CDP) and IndexedDB bytes are taken after the cold open and after
     the reloads. The page's own performance marks in the warm reloads are printed too
     (median each: the client's openvibe:script, openvibe:snapshot-applied and
     openvibe:first-screen, client/src/boot-marks.ts, plus any an instrumented build sets).
Each size also reports the machine's load average: other work on the machine inflates times.

With --channels N (N > 1), each size instead seeds N channels of that size (the admin a member
of all; each built with its own seed and stored one after the other, with progress; the first
is the workspace's default channel), and Chromium (fresh profile, signed in by cookie) goes to
the app's root:
  a. cold: from the start of the navigation until the default channel's newest thread is listed
     inside the viewport (the root lands there);
  b. then it waits until the offline keeper holds each channel's most recent threads (50 per
     channel, the default setting; it starts once a channel document synced, so every channel
     document synced first), at most --keeper-timeout seconds, and reads the JS heap after
     garbage collection and IndexedDB bytes; the table says whether the keeper finished;
  c. warm: one reload of the root, the same time, and the heap 5 s later.
No node-provider baseline and no reloads series in this mode. Seeding 20 channels of 100,000
messages takes 20 times one channel's seeding (about 40 s each on a quiet machine).

Options:
  --sizes LIST        channel sizes in messages, comma separated (default 1000,10000,100000)
  --reloads N         warm reloads per size (default 20)
  --channels N        joined channels per size (default 1: one channel, the measures above)
  --keeper-timeout S  with --channels: how long to wait for the offline keeper (default 600)
  --trace FILE        after the warm reloads, trace one more (not counted) into FILE (Chromium
                      trace JSON: DevTools' Performance panel or Perfetto open it; summarise
                      it with node scripts/bench/client-trace-summary.ts FILE); one size only
  --trace-samples     with --trace: add V8's sampling profiler (time by function) to the trace;
                      it makes Chromium compile the scripts without their code cache, so the
                      traced open starts later than an untraced one
  --seed N            seed of the generated content (default 42)
  --data-dir DIR      with --channels: seed into DIR (per size, DIR/<size>x<channels>) and keep
                      it; a later run with the same sizes, channels and seed reuses the seeding
  --profile DIR       with --channels: write the cold sign-in's Chromium trace
                      (sign-in.trace.json) and the server's CPU profile (*.cpuprofile) into
                      DIR/<size>x<channels>
  --client-dir DIR    use this client build instead of building client/ into a temporary
                      directory (it must be a production build, for the service worker)
  --json              print the results as JSON instead of a table
  -h, --help          show this help

Progress goes to stderr, results to stdout. Exits 1 when a size failed (its row says why).`;

interface Options {
  sizes: number[];
  reloads: number;
  channels: number;
  keeperTimeoutMs: number;
  seed: number;
  clientDir: string | null;
  trace: TraceRequest | null;
  dataDir: string | null;
  profileDir: string | null;
  json: boolean;
}

function parseOptions(argv: string[]): Options | null {
  const values = parseBenchArgs(argv, {
    reloads: { type: "string", default: "20" },
    channels: { type: "string", default: "1" },
    "keeper-timeout": { type: "string", default: "600" },
    "client-dir": { type: "string" },
    trace: { type: "string" },
    "trace-samples": { type: "boolean", default: false },
    "data-dir": { type: "string" },
    profile: { type: "string" },
  });
  if (values === null) return null;
  const sizes = sizesOption(values.sizes);
  if (values.trace !== undefined && (sizes.length > 1 || values.channels !== "1")) {
    throw new Error(
      "--trace traces one warm reload of one channel: give one size and no --channels",
    );
  }
  return {
    sizes,
    reloads: positiveInteger(values.reloads, "--reloads"),
    channels: positiveInteger(values.channels, "--channels"),
    keeperTimeoutMs: positiveInteger(values["keeper-timeout"], "--keeper-timeout") * 1000,
    seed: positiveInteger(values.seed, "--seed"),
    clientDir: values["client-dir"] ?? null,
    trace:
      values.trace === undefined ? null : { path: values.trace, samples: values["trace-samples"] },
    dataDir: values["data-dir"] ?? null,
    profileDir: values.profile ?? null,
    json: values.json,
  };
}

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

const count = (n: number) => n.toLocaleString("en");

interface SeededServer {
  server: ServerProcess;
  admin: HttpSession;
  channelId: string;
  channel: SeededChannel;
  seedMs: number;
}

/** A running server over `dataDir` holding one channel of `messages` messages, never opened. */
async function seededServer(
  dataDir: string,
  clientDir: string,
  messages: number,
  seed: number,
): Promise<SeededServer> {
  const first = await startServerProcess(dataDir, clientDir, 0);
  const admin = await setUpWorkspace(first.url);
  const channelId = await createChannel(admin, `bench-${messages}`);
  await first.stop();
  log(`  seeding ${count(messages)} messages into channel:${channelId}…`);
  const started = performance.now();
  if (admin.userId === null) throw new Error("setup did not sign the admin in");
  const channel = await seedChannel(dataDir, channelId, messages, seed, admin.userId, (done) =>
    log(`    ${count(done)} built`),
  );
  const seedMs = performance.now() - started;
  const server = await startServerProcess(dataDir, clientDir, first.port);
  return { server, admin, channelId, channel, seedMs };
}

async function measureSize(
  clientDir: string,
  messages: number,
  options: Options,
): Promise<SizeResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const dataDir = mkdtempSync(join(tmpdir(), "openvibe-bench-client-data-"));
  let server: ServerProcess | null = null;
  try {
    const seeded = await seededServer(dataDir, clientDir, messages, options.seed);
    server = seeded.server;
    const token = () => seeded.admin.websocketToken();
    log("  node provider: first open (server loads the channel)…");
    const holder = await syncWithProvider(
      server.websocketUrl,
      seeded.channelId,
      seeded.channel.lastThreadId,
      token,
    );
    try {
      const second = await syncWithProvider(
        server.websocketUrl,
        seeded.channelId,
        seeded.channel.lastThreadId,
        token,
      );
      second.close();
      const provider: ProviderResult = { serverLoadsMs: holder.ms, loadedMs: second.ms };
      if (seeded.admin.sessionCookie === null) throw new Error("setup did not sign the admin in");
      const browser = await measureInBrowser(
        {
          baseUrl: server.url,
          channelId: seeded.channelId,
          threadId: seeded.channel.lastThreadId,
          newestBody: seeded.channel.newestBody,
          sessionCookie: seeded.admin.sessionCookie,
        },
        options.reloads,
        log,
        options.trace,
      );
      return {
        messages,
        channel: seeded.channel,
        seedMs: seeded.seedMs,
        provider,
        browser,
        loadAverage: [loadBefore, loadavg()[0] ?? 0],
      };
    } finally {
      holder.close();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    log(`  ${count(messages)} failed: ${reason}`);
    return { messages, error: reason ?? "unknown error" };
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One size with `options.channels` channels (client-many.ts), or why it failed. */
async function measureManySize(
  clientDir: string,
  messages: number,
  options: Options,
): Promise<ManyRow> {
  const run = `${messages}x${options.channels}`;
  const dataDir =
    options.dataDir === null
      ? mkdtempSync(join(tmpdir(), "openvibe-bench-client-data-"))
      : join(options.dataDir, run);
  mkdirSync(dataDir, { recursive: true });
  const profileDir = options.profileDir === null ? null : join(options.profileDir, run);
  if (profileDir !== null) mkdirSync(profileDir, { recursive: true });
  try {
    return await measureManyChannelsSize(
      dataDir,
      clientDir,
      messages,
      options.channels,
      options.seed,
      options.keeperTimeoutMs,
      profileDir,
      log,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    log(`  ${count(messages)} failed: ${reason}`);
    return { messages, channels: options.channels, error: reason ?? "unknown error" };
  } finally {
    if (options.dataDir === null) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `measure` with the given client build, or with a fresh build of client/ removed afterwards. */
async function withClientBuild<T>(
  given: string | null,
  measure: (clientDir: string) => Promise<T>,
): Promise<T> {
  if (given !== null) return measure(given);
  const built = mkdtempSync(join(tmpdir(), "openvibe-bench-client-"));
  try {
    log("building the client (production)…");
    await buildClient(built);
    return await measure(built);
  } finally {
    rmSync(built, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === null) {
    console.log(HELP);
    return 0;
  }
  if (options.channels > 1) {
    const rows = await withClientBuild(options.clientDir, async (clientDir) => {
      const measured: ManyRow[] = [];
      for (const messages of options.sizes) {
        log(`${options.channels} channels of ${count(messages)} messages:`);
        measured.push(await measureManySize(clientDir, messages, options));
      }
      return measured;
    });
    console.log(options.json ? JSON.stringify(rows, null, 2) : formatManyTable(rows));
    return rows.some((result) => "error" in result) ? 1 : 0;
  }
  const results = await withClientBuild(options.clientDir, async (clientDir) => {
    const measured: SizeResult[] = [];
    for (const messages of options.sizes) {
      log(`${count(messages)} messages:`);
      measured.push(await measureSize(clientDir, messages, options));
    }
    return measured;
  });
  console.log(options.json ? JSON.stringify(results, null, 2) : formatTable(results));
  return results.some((result) => "error" in result) ? 1 : 0;
}

process.exitCode = await main();
