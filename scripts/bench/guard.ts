// Write guard benchmark: what checking an update costs the server, next to what it does with
// the update anyway (decoding and applying it), in channels of growing size. Run it through
// scripts/bench/guard (see --help).
import { postMessage, WRITE_RULES } from "@openvibe/schema";
import * as Y from "yjs";
import { inspectUpdate } from "../../sync-server/src/collaboration/update-inspection.ts";
import { MemoryClientIdOwners, testWriter } from "../../sync-server/test/support/guard-world.ts";
import { BENCH_ACTOR, buildChannel, createBenchEnv } from "./channel-fixture.ts";
import { parseBenchArgs, positiveInteger, progress, sizesOption } from "./lib/cli.ts";

const HELP = `Usage: scripts/bench/guard [options]

For each size, builds a channel of that many messages, loads it as the server holds it, and
has a member's replica post --posts messages one by one (one update each), then --batch
messages offline sent as one update (a reconnecting client's sync step 2). For every update it
times the write guard's inspection (decode included), and, for reference, decoding alone and
applying it, which the server does anyway.

Options:
  --sizes LIST   channel sizes in messages (default 1000,10000,100000)
  --posts N      single-message updates per size (default 500)
  --batch N      messages in the offline update (default 200)
  --seed N       (default 42)
  --json         print the results as JSON
  -h, --help     show this help`;

const values = parseBenchArgs(process.argv.slice(2), {
  posts: { type: "string", default: "500" },
  batch: { type: "string", default: "200" },
});
if (values === null) {
  console.log(HELP);
  process.exit(0);
}

interface Row {
  channel: string;
  updates: number;
  guardP50: number;
  guardP99: number;
  decodeP50: number;
  applyP50: number;
  guardShare: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function timed(action: () => unknown): number {
  const started = performance.now();
  action();
  return (performance.now() - started) * 1000;
}

/** Times guard, decode and apply over `updates`, applying each to `server` after. */
function measure(channel: string, server: Y.Doc, updates: readonly Uint8Array[]): Row {
  const writer = testWriter(BENCH_ACTOR);
  const owners = new MemoryClientIdOwners();
  const guard: number[] = [];
  const decode: number[] = [];
  const apply: number[] = [];
  for (const update of updates) {
    decode.push(timed(() => Y.decodeUpdate(update)));
    let allowed = false;
    guard.push(
      timed(() => {
        const inspection = inspectUpdate(server, update, writer, owners, WRITE_RULES);
        owners.claim(inspection, writer.clientOwner);
        allowed = inspection.allowed;
      }),
    );
    if (!allowed) throw new Error(`the guard refused an honest update in ${channel}`);
    apply.push(timed(() => Y.applyUpdate(server, update)));
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    channel,
    updates: updates.length,
    guardP50: percentile(sorted(guard), 50),
    guardP99: percentile(sorted(guard), 99),
    decodeP50: percentile(sorted(decode), 50),
    applyP50: percentile(sorted(apply), 50),
    guardShare: sum(guard) / (sum(guard) + sum(apply)),
  };
}

const rows: Row[] = [];
const posts = positiveInteger(values.posts, "--posts");
const batch = positiveInteger(values.batch, "--batch");
for (const size of sizesOption(values.sizes)) {
  progress(`building a channel of ${size.toLocaleString("en")} messages`);
  const fixture = buildChannel(size, Number(values.seed), () => {});
  const server = new Y.Doc();
  Y.applyUpdate(server, fixture.state);
  const replica = new Y.Doc();
  Y.applyUpdate(replica, fixture.state);
  const env = createBenchEnv(7, fixture.endMs);
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  replica.on("update", collect);
  for (let i = 0; i < posts; i++) {
    env.tick();
    postMessage(replica, BENCH_ACTOR, { threadId: fixture.lastThreadId, body: `post ${i}` }, env);
  }
  const label = size.toLocaleString("en");
  rows.push(measure(`${label}, one message each`, server, updates.splice(0)));
  const before = Y.encodeStateVector(server);
  replica.off("update", collect);
  for (let i = 0; i < batch; i++) {
    env.tick();
    postMessage(
      replica,
      BENCH_ACTOR,
      { threadId: fixture.lastThreadId, body: `offline ${i}` },
      env,
    );
  }
  rows.push(
    measure(`${label}, ${batch} offline at once`, server, [Y.encodeStateAsUpdate(replica, before)]),
  );
}

if (values.json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const f = (n: number) => n.toFixed(1).padStart(9);
  console.log(
    "channel                              updates  guard µs p50  p99   decode p50  apply p50  guard share",
  );
  for (const r of rows) {
    console.log(
      `${r.channel.padEnd(36)} ${String(r.updates).padStart(7)} ${f(r.guardP50)} ${f(r.guardP99)} ${f(r.decodeP50)} ${f(r.applyP50)}   ${(r.guardShare * 100).toFixed(1).padStart(5)}%`,
    );
  }
}
