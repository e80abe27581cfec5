// The facets (filters as FTS5 words, search/facets.ts) only make a search cheaper: on random
// rows and random filters, SearchIndex.rank returns exactly what an oracle returns that reads
// every row, checks the filters in JavaScript and ranks the newest `cap` matches as the search
// has always ranked them (bm25 x recency). Rows are written out of time order, at bucket edges,
// before 1970 and after 2079, with ids that are not single words.
import { parseSearchQuery } from "@openvibe/schema";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { databasePath, openDatabase } from "../src/db/open-database.ts";
import { dayRangeFacets } from "../src/search/facets.ts";
import { type BodyMatch, type TermsNeeded, toMatchExpression } from "../src/search/fts-query.ts";
import {
  type IndexRow,
  onlyChannels,
  type RankedRow,
  type RowFilters,
  SearchIndex,
} from "../src/search/search-index.ts";
import { migrationsBefore } from "./support/migrations-before.ts";
import { temporaryDataDir } from "./support/test-server.ts";

const DAY = 86_400_000;
const CHANNELS = ["01JCHANNELA", "ch-b", "kanal é", "c_d", "e", "f.g"];
const AUTHORS = ["u1", "u-2", "agent:x", "ü"];
const WORDS = ["alpha", "beta", "gamma", "delta"];
const NOW = Date.UTC(2025, 0, 1);
/** Stamps around bucket edges, far in the past and beyond the last bucket. */
const recent = fc.integer({ min: NOW - 400 * DAY, max: NOW + DAY });
const stamp = fc.oneof(
  { arbitrary: recent, weight: 3 },
  { arbitrary: fc.constantFrom(-DAY, 0, 20_000 * DAY - 1, 20_000 * DAY, 41_000 * DAY), weight: 1 },
);

const rowShape = fc.record({
  channelId: fc.constantFrom(...CHANNELS),
  authorId: fc.constantFrom(...AUTHORS),
  threadId: fc.constantFrom("t1", "t2"),
  forkId: fc.option(fc.constant("fork"), { freq: 3 }),
  createdMs: stamp,
  pinned: fc.boolean(),
  hasFork: fc.boolean(),
  hasLink: fc.boolean(),
  body: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(" ")),
});

/** Filters set in one query of four, so that most queries still find rows. */
const seldom = fc.nat(3).map((n) => n === 0);
const sometimes = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: value, weight: 1 });

/** A query on the body as the search box (or an agent's "any" search) builds it. */
function bodyQuery(text: string, needed: TermsNeeded = "all"): BodyMatch | null {
  return toMatchExpression(parseSearchQuery(text).terms, new Map(), needed);
}

const queryShape = fc.record({
  match: fc.option(
    fc.constantFrom(
      bodyQuery("alpha "),
      bodyQuery("beta gamma "),
      bodyQuery("del"),
      bodyQuery("alpha delta ", "any"),
    ),
  ),
  channelIds: fc.subarray(CHANNELS, { minLength: 1 }),
  authorIds: sometimes(fc.subarray([...AUTHORS, "nobody"], { minLength: 1 })),
  inFork: seldom,
  hasFork: seldom,
  hasLink: seldom,
  pinned: seldom,
  beforeMs: sometimes(recent),
  afterMs: sometimes(recent),
  excludeThreadId: sometimes(fc.constant("t1")),
  cap: fc.integer({ min: 1, max: 12 }),
  maxRowShare: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
});

function passes(row: IndexRow, f: RowFilters): boolean {
  return (
    f.channelIds.includes(row.channelId) &&
    (f.authorIds === null || f.authorIds.includes(row.authorId)) &&
    (!f.inFork || row.forkId !== null) &&
    (!f.hasFork || row.hasFork) &&
    (f.hasLink !== true || row.hasLink === true) &&
    (!f.pinned || row.pinned) &&
    (f.beforeMs === null || row.createdMs < f.beforeMs) &&
    (f.afterMs === null || row.createdMs >= f.afterMs) &&
    (f.excludeThreadId == null || row.threadId !== f.excludeThreadId)
  );
}

const ALL = onlyChannels(CHANNELS);

describe("search facets", () => {
  it("rows indexed before the facets (and has:link) are found by every filter after the upgrades", () => {
    const dataDir = temporaryDataDir();
    const old = new Database(databasePath(dataDir));
    migrate(drizzle(old), { migrationsFolder: migrationsBefore("0013_search_facets") });
    // As the search index wrote rows then (before has_link).
    const insert = old.prepare(
      `INSERT INTO search_messages (message_id, channel_id, thread_id, thread_title, fork_id,
         author_id, author_kind, created_at, created_ms, pinned, has_fork, body)
       VALUES (?, ?, 't1', 't', ?, ?, 'agent', ?, ?, ?, ?, ?)`,
    );
    const june = Date.UTC(2024, 5, 1);
    insert.run("m1", "kanal é", "fork", "agent:x", "2024-06-01", june, 1, 1, "budget review");
    const later = Date.UTC(2025, 0, 1);
    insert.run("m2", "kanal é", null, "u1", "2025-01-01", later, 0, 0, "see https://x.example/a");
    old.close();

    const db = openDatabase(dataDir, { synchronous: "normal" });
    const index = new SearchIndex(db.$client);
    const options = { maxRowId: 2, cap: 10, nowMs: NOW, offset: 0, limit: 10 };
    const found = (match: BodyMatch | null, filters: Partial<RowFilters>) =>
      index.rank(match, { ...ALL, ...filters }, options).map((row) => row.messageId);
    expect(found(bodyQuery("budget "), { channelIds: ["kanal é"] })).toEqual(["m1"]);
    expect(
      found(null, { authorIds: ["agent:x"], pinned: true, hasFork: true, inFork: true }),
    ).toEqual(["m1"]);
    expect(found(null, { afterMs: Date.UTC(2024, 4, 31), beforeMs: Date.UTC(2024, 5, 2) })).toEqual(
      ["m1"],
    );
    expect(found(null, { beforeMs: Date.UTC(2024, 5, 1) })).toEqual([]);
    expect(found(null, { channelIds: ["ch-b"] })).toEqual([]);
    // has:link (0020) is read from the text of rows indexed before it.
    expect(found(null, { hasLink: true })).toEqual(["m2"]);
    db.$client.close();
  });

  it("bucket words cover every day of a range, and only buckets touching it", () => {
    // Days from 1 to 39,999: day 0 also holds every stamp before 1970, and day 39,999 every
    // stamp after it (both clamped), so a range ending at 0 ("before:1970-01-01") rightly reads
    // bucket 0 though [0, 0) holds no day (fast-check found it: seed -816716201), and one from
    // day 40,000 on reads the last bucket (found by an exhaustive check of the edges).
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 39_999 }),
        fc.integer({ min: 1, max: 39_999 }),
        (a, b) => {
          const [from, to] = [Math.min(a, b), Math.max(a, b)];
          const buckets = dayRangeFacets(from * DAY, to * DAY).map((word) => {
            const size = { da: 10, db: 100, dc: 1_000, dd: 10_000 }[word.slice(0, 2)] ?? 0;
            const first = Number(word.slice(2)) * size;
            return [first, first + size] as const;
          });
          for (const [first, end] of buckets) expect(first < to && end > from).toBe(true);
          const days = [from, to - 1, Math.floor((from + to) / 2)].filter(
            (d) => d >= from && d < to,
          );
          for (const day of days)
            expect(buckets.some(([first, end]) => first <= day && day < end)).toBe(true);
          expect(buckets.length).toBeLessThanOrEqual(4 * 9 * 2);
        },
      ),
    );
    // Rows stamped past the last day are in its bucket: a range after it still reads them.
    expect(dayRangeFacets(40_000 * DAY, null)).toEqual(["da3999"]);
  });

  it("rank returns what reading every row and checking the filters returns", () => {
    const db = openDatabase(temporaryDataDir(), { synchronous: "normal" });
    const sqlite = db.$client;
    const index = new SearchIndex(sqlite);
    const bm25Of = sqlite.prepare<[string], { rowId: number; bm25: number }>(
      "SELECT rowid AS rowId, bm25(search_fts, 1.0, 0.0) AS bm25 FROM search_fts WHERE search_fts MATCH ?",
    );
    const rowIds = sqlite.prepare<[], { id: number; messageId: string }>(
      "SELECT id, message_id AS messageId FROM search_messages",
    );
    let found = 0;
    try {
      fc.assert(
        fc.property(
          fc.array(rowShape, { minLength: 10, maxLength: 60 }),
          queryShape,
          (shapes, query) => {
            sqlite.exec("DELETE FROM search_messages");
            const rows: IndexRow[] = shapes.map((shape, i) => ({
              ...shape,
              messageId: `m${i}`,
              threadTitle: "t",
              authorKind: "human",
              createdAt: new Date(Math.max(0, shape.createdMs)).toISOString(),
              mentions: [],
            }));
            index.write(rows);
            const { match, cap, maxRowShare, ...rest } = query;
            const filters: RowFilters = rest;
            const ids = new Map(rowIds.all().map((r) => [r.messageId, r.id]));
            const maxRowId = Math.round(Math.max(0, ...ids.values()) * maxRowShare);
            const options = { maxRowId, cap, nowMs: NOW, offset: 0, limit: 1000 };

            const bm25 = new Map(
              match === null
                ? []
                : bm25Of.all(`body : (${match.expression})`).map((r) => [r.rowId, r.bm25]),
            );
            const candidates = rows
              .map((row) => ({ row, rowId: ids.get(row.messageId) ?? 0 }))
              .filter(({ row, rowId }) => rowId <= maxRowId && passes(row, filters))
              .filter(({ rowId }) => match === null || bm25.has(rowId))
              .sort((a, b) => b.rowId - a.rowId)
              .slice(0, cap)
              .map(({ row, rowId }) => {
                const age = Math.max(0, NOW - row.createdMs) / 1209600000.0;
                const relevance = -(match === null ? -1.0 : (bm25.get(rowId) ?? 0));
                return { rowId, score: relevance * (1.0 + 1.0 / (1.0 + age)) };
              })
              .sort((a, b) => b.score - a.score || b.rowId - a.rowId);

            const ranked: RankedRow[] = index.rank(match, filters, options);
            expect(ranked.map((r) => r.rowId)).toEqual(candidates.map((c) => c.rowId));
            expect(ranked.map((r) => r.score)).toEqual(
              candidates.map((c) => expect.closeTo(c.score, 9)),
            );
            if (ranked.length > 0) found++;
          },
        ),
        { numRuns: 300 },
      );
      // The property says little if most queries find nothing. About a third of the random
      // queries find rows (one run found 87 of 300): 30 is far below what any run finds (about
      // eight standard deviations), while a generator that stopped finding anything still fails.
      // The bound was 90, which an unlucky unseeded run missed.
      expect(found).toBeGreaterThan(30);
    } finally {
      sqlite.close();
    }
  });
});
