// Search benchmark, server half: builds the FTS5 projection from synthetic messages and times
// queries three ways. Run it through scripts/bench/search (see --help).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseSearchQuery } from "@openvibe/schema";
import {
  type BodyMatch,
  backfillWordPairs,
  createLogger,
  DEFAULT_CANDIDATE_CAP,
  databasePath,
  type OpenVibeDatabase,
  onlyChannels,
  openDatabase,
  SearchIndex,
  snippetOf,
  toMatchExpression,
} from "@openvibe/sync-server";
import { BASELINE_COMMIT } from "./search-baseline.ts";
import { sqlBm25Ranking } from "./search-bm25-sql.ts";
import { runBrowserBench } from "./search-browser.ts";
import {
  CHANNELS,
  createCorpus,
  percentile,
  type QueryCase,
  SERVER_CLASSES,
} from "./search-corpus.ts";

const HELP = `Usage: scripts/bench/search [options]

Server search index (sync-server/src/search): SQLite FTS5, unicode61 with accent folding and
prefix indexes, external content table search_messages, in a fresh temporary database.

  1. ingest: N synthetic messages (Zipf vocabulary of 30,000 words, 6-25 words each, 50
     channels, deterministic seed) written through SearchIndex.write in batches of 5,000
     rows, the same statements and triggers the live projection uses. Rows are built
     directly, not through Yjs documents, to keep 1M messages to a few minutes; reading
     messages out of documents is measured by the persistence benchmark and ovb reindex.
  2. queries, each class with 20 variants, --runs times in all:
       common    one of the 20 most frequent words (in roughly 10-30% of messages)
       rare      words of rank 20,000+ (a few hundred messages)
       prefix    4 letters of a mid-frequency word, as typed ("word"*)
       filtered  a common word in one of the 50 channels (in:#channel)
       phrase    two common words in that order ("w1 w2")
       in:#chan, from:@who, is:pinned, has:fork, in:fork, before:, after:
                 each filter alone, newest first (from: 1 of 200 authors; pinned 1%,
                 has:fork 2%, in:fork 5% of messages; before: 150-245 days before the
                 newest message; after: 2-21 days before it)
       from+word, in+from+word, pinned+word, before+word
                 a common word with filters
     five engines on the same database (the last two only for word-only classes):
       openvibe  GET /api/search's query: the newest ${DEFAULT_CANDIDATE_CAP} matches ranked by
                 bm25 x recency, one page of 20 with snippets; bm25 computed for those
                 candidates (sync-server/src/search/relevance.ts); a quoted phrase read
                 from the word-pair index (search/word-pairs.ts)
       positions the same without the word-pair index (only for classes with a phrase): a
                 phrase's matches found by FTS5 checking the positions of its words
       sql-bm25  the same ranking with FTS5's bm25() and snippet() in SQL, as before #20:
                 bm25() reads every match of each phrase once per query to count rows
       fts5-bm25 untuned FTS5: ORDER BY bm25() over all matches, LIMIT 20, with snippets
       like      body LIKE '%word%', newest first, LIMIT 20 (at most 10 runs: it scans)
     "matches" is every match of the words for word-only classes, else the candidates
     ranked (at most the cap).
  3. writes as the live projection makes them, after the queries: fresh messages in
     transactions of 64 (SearchProjection's chunk), then each of them rewritten with a
     longer body (a streamed reply growing), with and without the word-pair index,
     alternating chunks: microseconds per message. The pair index's share of the
     database (dbstat), and the time to write every row's pairs as an upgraded
     database's first start does (search/pairs-backfill.ts).

Options:
  --messages N   messages to ingest (default 1000000)
  --runs N       queries per class and engine (default 60)
  --writes N     live writes timed each way, with and without the word-pair index (default
                 10000)
  --seed N       seed of the generated content (default 7)
  --classes A,B  only these query classes, in both halves (default: all)
  --browser-messages N  messages for the browser half (default 100000; 0 skips it)
  --bursts N     browser half: typing bursts per query class (default 20)
  --gap-ms N     browser half: time between keystrokes (default 40)
  --worker-before COMMIT  browser half: also run the index worker as of COMMIT (read out of
                 git into client/.bench/), before today's worker, to compare a change to it
  --skip-today   browser half: leave out the main-thread index of ${BASELINE_COMMIT} (quicker)
  --json         print the results as JSON
  -h, --help     show this help

Progress goes to stderr, results to stdout.

Browser half (BROWSER_BENCH, scripts/bench/search-browser.ts): the client's index over the
same generated messages in Chromium (/usr/bin/chromium), two ways in the same run: today's
(MiniSearch segments on the page's main thread, as of commit ${BASELINE_COMMIT}, read out of git)
and the index worker (client/src/search/worker: one vocabulary shared by the segments), and with
--worker-before the index worker of that commit too (a change to the worker beside it). For each:
build time, JS heap of the index (the page's, or the worker's), bytes stored in IndexedDB,
reload time and heap after it. Then every query class is typed a key at a time (every prefix of
the query, --gap-ms apart), idle and with the CPU throttled 4x (the page through CDP, the
worker's thread through a cgroup CPU quota where one is writable): the longest page task the
search caused, and the final query's p50/p99 from its keystroke to its results (p99 of 20
bursts is their slowest; the progress lines name each class's three slowest).`;

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "1000000" },
    runs: { type: "string", default: "60" },
    writes: { type: "string", default: "10000" },
    seed: { type: "string", default: "7" },
    classes: { type: "string" },
    "browser-messages": { type: "string", default: "100000" },
    bursts: { type: "string", default: "20" },
    "gap-ms": { type: "string", default: "40" },
    "worker-before": { type: "string" },
    "skip-today": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const messages = Number(values.messages);
const runs = Number(values.runs);
const log = (line: string) => process.stderr.write(`${line}\n`);

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** SearchProjection's chunk: messages per write transaction. */
const WRITE_CHUNK = 64;
/** Live writes timed each way (with the word-pair index and without). */
const writesEachWay = Number(values.writes);

/**
 * Live writes with and without the word-pair index, alternating chunks so load hits both alike:
 * new messages, then the same messages rewritten with a longer body. µs per message.
 */
function measureWrites(
  sqlite: OpenVibeDatabase["$client"],
  withPairs: SearchIndex,
  without: SearchIndex,
) {
  const fresh = [...createCorpus(Number(values.seed) + 1).rows(2 * writesEachWay)].map(
    (row, i) => ({
      ...row,
      messageId: `live${i}`,
    }),
  );
  const spent = { newWith: 0, newWithout: 0, rewriteWith: 0, rewriteWithout: 0 };
  for (const rewrite of [false, true]) {
    for (let at = 0; at < fresh.length; at += WRITE_CHUNK) {
      const chunk = fresh
        .slice(at, at + WRITE_CHUNK)
        .map((row) => (rewrite ? { ...row, body: `${row.body} ${row.body}` } : row));
      const pairs = (at / WRITE_CHUNK) % 2 === 0;
      const ms = time(() => (pairs ? withPairs : without).write(chunk));
      if (rewrite) spent[pairs ? "rewriteWith" : "rewriteWithout"] += ms;
      else spent[pairs ? "newWith" : "newWithout"] += ms;
    }
  }
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const each = (ms: number) => (ms * 1000) / writesEachWay;
  return {
    messages: writesEachWay,
    newWith: each(spent.newWith),
    newWithout: each(spent.newWithout),
    rewriteWith: each(spent.rewriteWith),
    rewriteWithout: each(spent.rewriteWithout),
  };
}

/** With --json, the one document printed at the end: both halves' results. */
const json: Record<string, unknown> = {};
const dir = mkdtempSync(join(tmpdir(), "openvibe-bench-search-"));
try {
  const db = openDatabase(dir, { synchronous: "normal" });
  const sqlite = db.$client;
  const index = new SearchIndex(sqlite);

  log(`ingesting ${messages.toLocaleString("en")} messages…`);
  const corpus = createCorpus(Number(values.seed));
  const ingestStarted = performance.now();
  let batch = [];
  let done = 0;
  for (const row of corpus.rows(messages)) {
    batch.push(row);
    if (batch.length === 5000) {
      index.write(batch);
      done += batch.length;
      batch = [];
      if (done % 100_000 === 0) log(`  ${done.toLocaleString("en")}`);
    }
  }
  index.write(batch);
  const ingestMs = performance.now() - ingestStarted;
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const dbBytes = statSync(databasePath(dir)).size;

  const allChannels = onlyChannels(CHANNELS);
  const positions = new SearchIndex(sqlite, { wordPairs: false });
  const untuned = sqlite.prepare<[string], unknown>(
    `SELECT rowid, snippet(search_fts, 0, char(2), char(3), '…', 24) FROM search_fts
     WHERE search_fts MATCH ? ORDER BY bm25(search_fts) LIMIT 20`,
  );
  const untunedIn = sqlite.prepare<[string, string], unknown>(
    `SELECT f.rowid, snippet(search_fts, 0, char(2), char(3), '…', 24) FROM search_fts f
     JOIN search_messages m ON m.id = f.rowid
     WHERE search_fts MATCH ? AND m.channel_id = ? ORDER BY bm25(search_fts) LIMIT 20`,
  );
  const like = sqlite.prepare<[string], unknown>(
    "SELECT id, body FROM search_messages WHERE body LIKE ? ORDER BY id DESC LIMIT 20",
  );
  const likeIn = sqlite.prepare<[string, string], unknown>(
    "SELECT id, body FROM search_messages WHERE body LIKE ? AND channel_id = ? ORDER BY id DESC LIMIT 20",
  );
  const countOf = sqlite.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?",
  );
  const maxRowId = index.newestRow();

  const filtersOf = (c: QueryCase) => ({
    ...allChannels,
    ...c.filters,
    channelIds: c.channel === null ? CHANNELS : [c.channel],
  });
  const sqlBm25 = sqlBm25Ranking(sqlite);
  /** GET /api/search's query on `searched`: one page with snippets, the match count. */
  const pageOf = (searched: SearchIndex) => (match: BodyMatch | null, c: QueryCase) => {
    const rows = searched.rank(match, filtersOf(c), {
      maxRowId,
      cap: DEFAULT_CANDIDATE_CAP,
      nowMs: Date.UTC(2025, 0, 1),
      offset: 0,
      limit: 21,
    });
    if (match !== null) for (const row of rows.slice(0, 20)) snippetOf(row.body, match.phrases);
    return rows[0]?.total ?? 0;
  };
  const engines: Record<string, (match: BodyMatch | null, c: QueryCase) => unknown> = {
    openvibe: pageOf(index),
    positions: pageOf(positions),
    "sql-bm25": (match, c) => {
      return sqlBm25(match, filtersOf(c), {
        maxRowId,
        cap: DEFAULT_CANDIDATE_CAP,
        nowMs: Date.UTC(2025, 0, 1),
      }).length;
    },
    "fts5-bm25": (match, c) =>
      c.channel === null
        ? untuned.all(match?.expression ?? "")
        : untunedIn.all(match?.expression ?? "", c.channel),
    like: (_, c) => {
      const pattern = `%${c.text.trim()}%`;
      return c.channel === null ? like.all(pattern) : likeIn.all(pattern, c.channel);
    },
  };

  const results = [];
  const only = values.classes?.split(",");
  for (const [label, cases] of Object.entries(SERVER_CLASSES)) {
    if (only !== undefined && !only.includes(label)) continue;
    const matches = cases.map((c) => toMatchExpression(parseSearchQuery(c.text).terms));
    const wordsOnly = cases.every((c) => c.filters === undefined && c.text !== "");
    const phrases = matches.some((m) => m?.phrases.some((phrase) => phrase.words.length > 1));
    for (const [engine, run] of Object.entries(engines)) {
      if (engine === "positions" && !phrases) continue;
      if (!["openvibe", "positions", "sql-bm25"].includes(engine) && !wordsOnly) continue;
      if (engine === "sql-bm25" && matches.includes(null)) continue;
      const n = engine === "like" ? Math.min(runs, 10) : runs;
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const k = i % cases.length;
        const c = cases[k];
        if (c !== undefined) times.push(time(() => run(matches[k] ?? null, c)));
      }
      times.sort((a, b) => a - b);
      // Word-only classes: every match of the words; the others: the candidates ranked (capped).
      const counts = cases
        .map((c, k) => {
          const match = matches[k] ?? null;
          return wordsOnly && match !== null
            ? (countOf.get(match.expression)?.n ?? 0)
            : Number(engines.openvibe?.(match, c));
        })
        .sort((a, b) => a - b);
      results.push({
        query: label,
        engine,
        runs: n,
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        medianMatches: percentile(counts, 50),
      });
      log(`  ${label} ${engine}: p50 ${percentile(times, 50).toFixed(2)} ms`);
    }
  }
  const writes = measureWrites(sqlite, index, positions);
  // An upgraded database's first start: every row's pairs written from the stored bodies.
  sqlite.exec("INSERT INTO search_pairs (search_pairs) VALUES ('delete-all')");
  const backfillMs = time(() => backfillWordPairs(index, createLogger("silent")));
  const pairBytes = sqlite
    .prepare<[], { bytes: number }>(
      "SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_pairs%'",
    )
    .get()?.bytes;
  db.$client.close();

  const ingest = {
    messages,
    seconds: ingestMs / 1000,
    perSecond: messages / (ingestMs / 1000),
    databaseMB: dbBytes / 1e6,
    pairIndexMB: (pairBytes ?? 0) / 1e6,
    pairBackfillSeconds: backfillMs / 1000,
  };
  if (values.json) {
    Object.assign(json, { ingest, writes, queries: results });
  } else {
    console.log(
      `ingest: ${messages.toLocaleString("en")} messages in ${ingest.seconds.toFixed(1)} s ` +
        `(${Math.round(ingest.perSecond).toLocaleString("en")}/s), database ${ingest.databaseMB.toFixed(0)} MB ` +
        `(word-pair index ${ingest.pairIndexMB.toFixed(0)} MB; written for every row at an ` +
        `upgraded database's first start in ${ingest.pairBackfillSeconds.toFixed(1)} s)`,
    );
    console.log(
      `live writes, µs per message (${writes.messages.toLocaleString("en")} each way, chunks of ${WRITE_CHUNK}): ` +
        `new ${writes.newWithout.toFixed(0)} without pairs, ${writes.newWith.toFixed(0)} with; ` +
        `rewritten ${writes.rewriteWithout.toFixed(0)} without, ${writes.rewriteWith.toFixed(0)} with\n`,
    );
    console.log("query          engine     runs   p50 ms   p99 ms   matches (median)");
    for (const r of results) {
      console.log(
        `${r.query.padEnd(15)}${r.engine.padEnd(11)}${String(r.runs).padStart(4)}` +
          `${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}` +
          `${r.medianMatches.toLocaleString("en").padStart(12)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// BROWSER_BENCH: the browser index, printed after the server's table.
const browserMessages = Number(values["browser-messages"]);
if (browserMessages > 0) {
  const browser = await runBrowserBench({
    messages: browserMessages,
    bursts: Number(values.bursts),
    gapMs: Number(values["gap-ms"]),
    workerBefore: values["worker-before"] ?? null,
    skipToday: values["skip-today"],
    classes: values.classes?.split(",") ?? null,
    seed: Number(values.seed),
    log,
  });
  if (values.json) json.browser = browser;
  else console.log(`\n${browser.text}`);
}
if (values.json) console.log(JSON.stringify(json, null, 2));
