// Posting benchmark: how fast messages can be posted into channels of growing size through
// @openvibe/schema (each post stamps itself after everything visible in its thread). Run it
// through scripts/bench/posting (see --help).
import { parseArgs } from "node:util";
import { createThread, postMessage } from "@openvibe/schema";
import * as Y from "yjs";
import { BENCH_ACTOR, buildChannel, createBenchEnv } from "./channel-fixture.ts";

const HELP = `Usage: scripts/bench/posting [options]

For each size, builds a channel of that many messages (threads of 40-60, as in the persistence
benchmark), loads it into one Y.Doc and posts --posts messages one by one (one transaction
each) into its newest thread, then into a new thread. Last row: one thread grown from empty
to --thread-length messages by posting, in an otherwise empty channel.

Options:
  --sizes LIST         channel sizes in messages (default 1000,10000,100000)
  --posts N            posts per size (default 200)
  --thread-length N    length of the grown thread (default 10000; 0 to skip)
  --json               print the results as JSON
  -h, --help           show this help

Progress goes to stderr, results to stdout.`;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    posts: { type: "string", default: "200" },
    "thread-length": { type: "string", default: "10000" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Row {
  channel: string;
  posts: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/** Times `count` posts into `threadId`, one transaction each. */
function timePosts(doc: Y.Doc, threadId: string, count: number, startMs: number): number[] {
  const env = createBenchEnv(11, startMs);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    env.tick();
    const started = performance.now();
    postMessage(doc, BENCH_ACTOR, { threadId, body: `post ${i}` }, env);
    times.push(performance.now() - started);
  }
  return times;
}

function row(channel: string, times: number[]): Row {
  const total = times.reduce((sum, t) => sum + t, 0);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    channel,
    posts: times.length,
    perSecond: times.length / (total / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

const posts = Number(values.posts);
const rows: Row[] = [];
for (const size of values.sizes.split(",").map(Number)) {
  log(`building a channel of ${size.toLocaleString("en")} messages…`);
  const fixture = buildChannel(size, 1, (done) => log(`  ${done.toLocaleString("en")}`));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fixture.state);
  const label = size.toLocaleString("en");
  rows.push(
    row(`${label}, newest thread`, timePosts(doc, fixture.lastThreadId, posts, fixture.endMs)),
  );
  const env = createBenchEnv(12, fixture.endMs + 86_400_000);
  const { threadId } = createThread(doc, BENCH_ACTOR, { title: "new", body: "first" }, env);
  rows.push(row(`${label}, new thread`, timePosts(doc, threadId, posts, env.now())));
  doc.destroy();
}
const threadLength = Number(values["thread-length"]);
if (threadLength > 0) {
  log(`growing one thread to ${threadLength.toLocaleString("en")} messages…`);
  const fixture = buildChannel(1, 2, () => {});
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fixture.state);
  const times = timePosts(doc, fixture.lastThreadId, threadLength - 1, fixture.endMs);
  rows.push(row(`one thread to ${threadLength.toLocaleString("en")}`, times));
}

if (values.json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log("channel                        posts    posts/s   p50 ms   p99 ms");
  for (const r of rows) {
    console.log(
      `${r.channel.padEnd(29)}${String(r.posts).padStart(7)}${Math.round(r.perSecond).toLocaleString("en").padStart(11)}` +
        `${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}`,
    );
  }
}
