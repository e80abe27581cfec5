// The search benchmark (scripts/bench/search.ts) at a tiny size, end to end, so it cannot rot
// unseen: the server index ingests the messages and answers a common word and a phrase through
// every engine, live writes are timed, and in Chromium both browser indexes are built and typed
// into. Nothing here asserts a time or a rate.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { benchJson } from "./lib/bench-json.ts";

const BENCH = fileURLToPath(new URL("./search", import.meta.url));
const ARGS = [
  ...["--messages", "500", "--runs", "1", "--writes", "64", "--classes", "common,phrase"],
  ...["--browser-messages", "500", "--bursts", "1", "--gap-ms", "1", "--json"],
];
// A hang, not a slow machine: the run takes a few seconds.
const DEADLINE_MS = 120_000;

interface Output {
  ingest: { messages: number };
  writes: { messages: number };
  queries: { query: string; engine: string; runs: number; medianMatches: number }[];
  browser: {
    messages: number;
    today: { storedBytes: number } | null;
    worker: { storedBytes: number };
    bursts: { query: string; engine: string; throttle: number; bursts: number }[];
  };
}

describe("the search benchmark", () => {
  it(
    "indexes, queries and writes on the server, and builds and types into both browser indexes",
    async () => {
      const { ingest, writes, queries, browser } = await benchJson<Output>(
        BENCH,
        ARGS,
        DEADLINE_MS,
      );
      expect(ingest.messages).toBe(500);
      expect(writes.messages).toBe(64);
      expect(queries.map((q) => [q.query, q.engine, q.runs])).toEqual([
        ["common", "openvibe", 1],
        ["common", "sql-bm25", 1],
        ["common", "fts5-bm25", 1],
        ["common", "like", 1],
        ["phrase", "openvibe", 1],
        ["phrase", "positions", 1],
        ["phrase", "sql-bm25", 1],
        ["phrase", "fts5-bm25", 1],
        ["phrase", "like", 1],
      ]);
      // A common word is in a tenth or more of the messages.
      for (const q of queries.filter((q) => q.query === "common")) {
        expect(q.medianMatches).toBeGreaterThan(0);
      }
      expect(browser.messages).toBe(500);
      expect(browser.today?.storedBytes).toBeGreaterThan(0);
      expect(browser.worker.storedBytes).toBeGreaterThan(0);
      expect(browser.bursts.map((b) => [b.query, b.engine, b.throttle, b.bursts])).toEqual([
        ["common", "today", 1, 1],
        ["common", "today", 4, 1],
        ["common", "worker", 1, 1],
        ["common", "worker", 4, 1],
      ]);
    },
    DEADLINE_MS + 5_000,
  );
});
